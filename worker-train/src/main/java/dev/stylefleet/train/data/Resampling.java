package dev.stylefleet.train.data;

import dev.stylefleet.platform.imaging.KeysCubic;

/**
 * Image resampling for training data and evaluation, separable and in float:
 * <ul>
 *   <li>{@link #bicubic}: Keys' cubic convolution ({@link KeysCubic}, a = -0.5), with MATLAB {@code imresize}'s
 *       conventions: pixel centres aligned ({@code u = (i + 0.5) / scale - 0.5}), the kernel stretched
 *       by 1/scale when shrinking (antialiasing), symmetric (mirror) borders. Super-resolution papers
 *       make and judge their low-resolution images this way, so the bicubic baseline is comparable.</li>
 *   <li>{@link #gaussianBlur}: the blur the paper applies before downsampling (sigma 1.0), kernel
 *       radius ceil(3 sigma), symmetric borders.</li>
 * </ul>
 * Results are not clamped: cubic overshoot can leave [0, 255] slightly; clamp when writing 8-bit.
 */
public final class Resampling {
    private static final double CUBIC_SUPPORT = 4.0;

    private Resampling() {}

    /** Resizes to {@code outWidth} x {@code outHeight} with antialiased bicubic interpolation. */
    public static RgbImage bicubic(RgbImage src, int outWidth, int outHeight) {
        if (outWidth < 1 || outHeight < 1) {
            throw new IllegalArgumentException("output size must be at least 1x1, got " + outWidth + "x" + outHeight);
        }
        Weights wx = Weights.of(src.width(), outWidth);
        Weights wy = Weights.of(src.height(), outHeight);
        // Horizontal pass: [height, outWidth, 3].
        float[] tmp = new float[src.height() * outWidth * 3];
        float[] in = src.rgb();
        for (int y = 0; y < src.height(); y++) {
            for (int x = 0; x < outWidth; x++) {
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int k = 0; k < wx.taps; k++) {
                        s += wx.weight[x * wx.taps + k] * in[(y * src.width() + wx.index[x * wx.taps + k]) * 3 + c];
                    }
                    tmp[(y * outWidth + x) * 3 + c] = (float) s;
                }
            }
        }
        float[] out = new float[outHeight * outWidth * 3];
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int k = 0; k < wy.taps; k++) {
                        s += wy.weight[y * wy.taps + k] * tmp[(wy.index[y * wy.taps + k] * outWidth + x) * 3 + c];
                    }
                    out[(y * outWidth + x) * 3 + c] = (float) s;
                }
            }
        }
        return new RgbImage(outWidth, outHeight, out);
    }

    /** Gaussian blur with standard deviation {@code sigma} pixels. */
    public static RgbImage gaussianBlur(RgbImage src, double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be > 0, got " + sigma);
        }
        int r = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        int w = src.width();
        int h = src.height();
        float[] in = src.rgb();
        float[] tmp = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int i = -r; i <= r; i++) {
                        s += k[i + r] * in[(y * w + mirror(x + i, w)) * 3 + c];
                    }
                    tmp[(y * w + x) * 3 + c] = (float) s;
                }
            }
        }
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double s = 0;
                    for (int i = -r; i <= r; i++) {
                        s += k[i + r] * tmp[(mirror(y + i, h) * w + x) * 3 + c];
                    }
                    out[(y * w + x) * 3 + c] = (float) s;
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Symmetric border: -1 -> 0, -2 -> 1, n -> n-1 (MATLAB's 'symmetric'), repeated for far indices. */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }

    /** Per output index: {@code taps} source indices and normalised weights. */
    private record Weights(int taps, int[] index, double[] weight) {
        static Weights of(int in, int out) {
            double scale = (double) out / in;
            double kernelScale = Math.min(1.0, scale);
            double width = CUBIC_SUPPORT / kernelScale;
            int taps = (int) Math.ceil(width) + 2;
            int[] index = new int[out * taps];
            double[] weight = new double[out * taps];
            for (int i = 0; i < out; i++) {
                double u = (i + 0.5) / scale - 0.5;
                int left = (int) Math.floor(u - width / 2);
                double sum = 0;
                for (int k = 0; k < taps; k++) {
                    int j = left + k;
                    double w = kernelScale * KeysCubic.weight(kernelScale * (u - j));
                    index[i * taps + k] = mirror(j, in);
                    weight[i * taps + k] = w;
                    sum += w;
                }
                for (int k = 0; k < taps; k++) {
                    weight[i * taps + k] /= sum;
                }
            }
            return new Weights(taps, index, weight);
        }
    }
}
