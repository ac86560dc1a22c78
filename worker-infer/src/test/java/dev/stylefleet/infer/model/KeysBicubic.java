package dev.stylefleet.infer.model;

/**
 * An independent bicubic upsampler for tests: Keys' cubic convolution (a = -0.5), half-pixel
 * centres, sample indices clamped to the border, computed separably in double precision. It shares
 * no code with the ONNX graph it checks.
 */
public final class KeysBicubic {
    private KeysBicubic() {}

    public static final double A = -0.5;

    /** Keys (1981) kernel. */
    public static double kernel(double x) {
        double ax = Math.abs(x);
        if (ax <= 1) {
            return (A + 2) * ax * ax * ax - (A + 3) * ax * ax + 1;
        }
        if (ax < 2) {
            return A * ax * ax * ax - 5 * A * ax * ax + 8 * A * ax - 4 * A;
        }
        return 0;
    }

    /** Upsamples one channel plane (row-major h x w) by an integer factor; not clipped. */
    public static double[] upsample(double[] plane, int h, int w, int scale) {
        int ow = w * scale;
        int oh = h * scale;
        double[] rows = new double[h * ow];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < ow; x++) {
                rows[y * ow + x] = sample(plane, y * w, 1, w, x, scale);
            }
        }
        double[] out = new double[oh * ow];
        for (int x = 0; x < ow; x++) {
            for (int y = 0; y < oh; y++) {
                out[y * ow + x] = sample(rows, x, ow, h, y, scale);
            }
        }
        return out;
    }

    /** One output sample along a line of {@code n} inputs starting at {@code base} with {@code stride}. */
    private static double sample(double[] data, int base, int stride, int n, int outIndex, int scale) {
        double src = (outIndex + 0.5) / scale - 0.5;
        int x0 = (int) Math.floor(src);
        double sum = 0;
        for (int k = -1; k <= 2; k++) {
            int i = Math.min(Math.max(x0 + k, 0), n - 1);
            sum += kernel(src - (x0 + k)) * data[base + i * stride];
        }
        return sum;
    }

    /** NCHW float [1,3,h,w] -> NCHW double [1,3,h*s,w*s], clipped to [0,255]. */
    public static double[] upsampleRgb(float[] nchw, int h, int w, int scale) {
        int plane = h * w;
        int outPlane = plane * scale * scale;
        double[] out = new double[3 * outPlane];
        for (int c = 0; c < 3; c++) {
            double[] in = new double[plane];
            for (int i = 0; i < plane; i++) {
                in[i] = nchw[c * plane + i];
            }
            double[] up = upsample(in, h, w, scale);
            for (int i = 0; i < outPlane; i++) {
                out[c * outPlane + i] = Math.min(255, Math.max(0, up[i]));
            }
        }
        return out;
    }
}
