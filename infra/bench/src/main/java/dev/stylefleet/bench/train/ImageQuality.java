package dev.stylefleet.bench.train;

import dev.stylefleet.train.data.RgbImage;

/**
 * Super-resolution quality as the literature reports it (and the paper's Table 3): PSNR and SSIM on
 * the Y channel of YCbCr, after cropping both images to a multiple of the scale and ignoring
 * {@code scale} pixels at every border.
 *
 * <ul>
 *   <li>Y: ITU-R BT.601 studio range as MATLAB's {@code rgb2ycbcr}:
 *       Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255 for R, G, B in [0, 255]; kept in floating
 *       point (not rounded).</li>
 *   <li>PSNR = 10 log10(255² / MSE).</li>
 *   <li>SSIM (Wang et al. 2004): 11x11 Gaussian window with sigma 1.5 (normalised), K1 = 0.01,
 *       K2 = 0.03, L = 255; statistics at every position where the window fits ("valid"), SSIM is
 *       the mean of the map.</li>
 * </ul>
 */
public final class ImageQuality {
    public static final double PEAK = 255.0;
    public static final int WINDOW = 11;
    public static final double WINDOW_SIGMA = 1.5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;

    private ImageQuality() {}

    /** PSNR and SSIM of one image pair. */
    public record Score(double psnr, double ssim) {}

    /**
     * Scores {@code output} against the ground truth {@code reference}: both are cropped to the
     * largest multiple of {@code scale} (top-left anchored) and {@code scale} pixels are shaved off
     * every border before PSNR and SSIM are computed on Y.
     */
    public static Score score(RgbImage reference, RgbImage output, int scale) {
        if (reference.width() / scale * scale != output.width() / scale * scale
                || reference.height() / scale * scale != output.height() / scale * scale) {
            throw new IllegalArgumentException("images differ in size: " + reference.width() + "x" + reference.height()
                    + " and " + output.width() + "x" + output.height());
        }
        Plane a = shave(y(modCrop(reference, scale)), scale);
        Plane b = shave(y(modCrop(output, scale)), scale);
        return new Score(psnr(a, b), ssim(a, b));
    }

    /** The image cropped to the largest multiple of {@code scale} in both directions. */
    public static RgbImage modCrop(RgbImage image, int scale) {
        int w = image.width() / scale * scale;
        int h = image.height() / scale * scale;
        return w == image.width() && h == image.height() ? image : image.crop(0, 0, w, h);
    }

    /** A single-channel image, row-major. */
    public record Plane(int width, int height, double[] values) {
        public Plane {
            if (values.length != width * height) {
                throw new IllegalArgumentException(width + "x" + height + " needs " + width * height + " values");
            }
        }

        double at(int x, int y) {
            return values[y * width + x];
        }
    }

    /** The Y channel (BT.601 studio range, in [16, 235]). */
    public static Plane y(RgbImage image) {
        double[] v = new double[image.width() * image.height()];
        float[] rgb = image.rgb();
        for (int i = 0; i < v.length; i++) {
            v[i] = 16.0 + (65.481 * rgb[3 * i] + 128.553 * rgb[3 * i + 1] + 24.966 * rgb[3 * i + 2]) / 255.0;
        }
        return new Plane(image.width(), image.height(), v);
    }

    /** The plane without {@code border} pixels on each side. */
    public static Plane shave(Plane p, int border) {
        int w = p.width() - 2 * border;
        int h = p.height() - 2 * border;
        if (w < 1 || h < 1) {
            throw new IllegalArgumentException("a " + p.width() + "x" + p.height() + " image has nothing left after "
                    + "ignoring " + border + " border pixels");
        }
        double[] v = new double[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(p.values(), (y + border) * p.width() + border, v, y * w, w);
        }
        return new Plane(w, h, v);
    }

    /** Peak signal-to-noise ratio in dB; infinite for identical planes. */
    public static double psnr(Plane a, Plane b) {
        sameSize(a, b);
        double sum = 0;
        for (int i = 0; i < a.values().length; i++) {
            double d = a.values()[i] - b.values()[i];
            sum += d * d;
        }
        double mse = sum / a.values().length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(PEAK * PEAK / mse);
    }

    /** Mean SSIM over every position where the 11x11 window fits. */
    public static double ssim(Plane a, Plane b) {
        sameSize(a, b);
        if (a.width() < WINDOW || a.height() < WINDOW) {
            throw new IllegalArgumentException("SSIM needs at least " + WINDOW + "x" + WINDOW + " pixels, got "
                    + a.width() + "x" + a.height());
        }
        double[] w = window();
        double c1 = (K1 * PEAK) * (K1 * PEAK);
        double c2 = (K2 * PEAK) * (K2 * PEAK);
        double total = 0;
        int count = 0;
        for (int y0 = 0; y0 + WINDOW <= a.height(); y0++) {
            for (int x0 = 0; x0 + WINDOW <= a.width(); x0++) {
                double mx = 0;
                double my = 0;
                double xx = 0;
                double yy = 0;
                double xy = 0;
                for (int j = 0; j < WINDOW; j++) {
                    for (int i = 0; i < WINDOW; i++) {
                        double g = w[j * WINDOW + i];
                        double p = a.at(x0 + i, y0 + j);
                        double q = b.at(x0 + i, y0 + j);
                        mx += g * p;
                        my += g * q;
                        xx += g * p * p;
                        yy += g * q * q;
                        xy += g * p * q;
                    }
                }
                double vx = xx - mx * mx;
                double vy = yy - my * my;
                double cov = xy - mx * my;
                total += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                count++;
            }
        }
        return total / count;
    }

    /** The normalised 11x11 Gaussian window, row-major. */
    static double[] window() {
        double[] w = new double[WINDOW * WINDOW];
        int r = WINDOW / 2;
        double sum = 0;
        for (int j = -r; j <= r; j++) {
            for (int i = -r; i <= r; i++) {
                double g = Math.exp(-(i * i + j * j) / (2 * WINDOW_SIGMA * WINDOW_SIGMA));
                w[(j + r) * WINDOW + (i + r)] = g;
                sum += g;
            }
        }
        for (int k = 0; k < w.length; k++) {
            w[k] /= sum;
        }
        return w;
    }

    private static void sameSize(Plane a, Plane b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("planes differ in size: " + a.width() + "x" + a.height() + " and "
                    + b.width() + "x" + b.height());
        }
    }
}
