package dev.stylefleet.cli;

import java.awt.image.BufferedImage;

/**
 * An independent bicubic upscale, written from the definition rather than from the model under test:
 * Keys' cubic convolution kernel with a = -0.5 (MATLAB's imresize), half-pixel centres
 * (x_in = (x_out + 0.5) / s - 0.5), edge pixels replicated, separable, in double precision, rounded and
 * clamped to 8 bits at the end.
 */
final class ReferenceBicubic {
    private ReferenceBicubic() {}

    static final double A = -0.5;

    static double kernel(double x) {
        double t = Math.abs(x);
        if (t <= 1) {
            return (A + 2) * t * t * t - (A + 3) * t * t + 1;
        }
        if (t < 2) {
            return A * t * t * t - 5 * A * t * t + 8 * A * t - 4 * A;
        }
        return 0;
    }

    /** Returns [channel][y][x] in 0..255 as doubles (not yet rounded). */
    static double[][][] upscale(BufferedImage in, int scale) {
        int w = in.getWidth();
        int h = in.getHeight();
        int ow = w * scale;
        int oh = h * scale;
        double[][][] src = new double[3][h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = in.getRGB(x, y);
                src[0][y][x] = (rgb >> 16) & 0xff;
                src[1][y][x] = (rgb >> 8) & 0xff;
                src[2][y][x] = rgb & 0xff;
            }
        }
        double[][][] rows = new double[3][h][ow];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int ox = 0; ox < ow; ox++) {
                    rows[c][y][ox] = sample(src[c][y], (ox + 0.5) / scale - 0.5);
                }
            }
        }
        double[][][] out = new double[3][oh][ow];
        double[] column = new double[h];
        for (int c = 0; c < 3; c++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int y = 0; y < h; y++) {
                    column[y] = rows[c][y][ox];
                }
                for (int oy = 0; oy < oh; oy++) {
                    out[c][oy][ox] = sample(column, (oy + 0.5) / scale - 0.5);
                }
            }
        }
        return out;
    }

    private static double sample(double[] line, double pos) {
        int base = (int) Math.floor(pos);
        double sum = 0;
        for (int k = -1; k <= 2; k++) {
            int i = Math.min(Math.max(base + k, 0), line.length - 1);
            sum += line[i] * kernel(pos - (base + k));
        }
        return sum;
    }

    static int toByte(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
