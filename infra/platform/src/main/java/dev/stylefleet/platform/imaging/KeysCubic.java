package dev.stylefleet.platform.imaging;

/**
 * Keys' cubic convolution kernel (Keys 1981) with a = {@value #A}: MATLAB {@code imresize}'s
 * bicubic, which super-resolution papers (Johnson et al. 2016 among them) use for their baseline and
 * their low-resolution inputs. One definition for every bicubic stylefleet computes: the training
 * data's resampling, the network's bicubic skip (TensorFlow and its ONNX export) and the
 * {@code bicubic-x4/x8} built-in models.
 *
 * <p>Integer upscaling with half-pixel centres is a polyphase filter: output pixel {@code X s + p}
 * samples the input at {@code X + d_p}, {@code d_p = (p + 0.5)/s - 0.5}, so output phase p uses the
 * same weights {@code weight(d_p - o)} at offsets {@code o = -2..2} for every X ({@link #phaseWeights});
 * a 2-D phase (py, px) is the outer product of two of them ({@link #phaseFilters}).
 */
public final class KeysCubic {
    private KeysCubic() {}

    /** Keys' parameter: MATLAB's and most super-resolution benchmarks' choice (PyTorch uses -0.75). */
    public static final double A = -0.5;
    /** Input pixels on each side of a sample position that a phase filter can reach. */
    public static final int TAP_REACH = 2;
    /** Taps of a phase filter along one axis, offsets -2..2. */
    public static final int TAPS = 2 * TAP_REACH + 1;

    /** The kernel at distance {@code x}: 1 at 0, 0 at every other integer and from |x| = 2 on. */
    public static double weight(double x) {
        double ax = Math.abs(x);
        if (ax <= 1) {
            return ((A + 2) * ax - (A + 3)) * ax * ax + 1;
        } else if (ax < 2) {
            return ((A * ax - 5 * A) * ax + 8 * A) * ax - 4 * A;
        }
        return 0;
    }

    /** The 1-D weights of output phase {@code p} of an upscale by {@code scale}, at offsets -2..2 (index offset + 2). */
    public static double[] phaseWeights(int scale, int p) {
        double d = (p + 0.5) / scale - 0.5;
        double[] w = new double[TAPS];
        for (int o = -TAP_REACH; o <= TAP_REACH; o++) {
            w[o + TAP_REACH] = weight(d - o);
        }
        return w;
    }

    /**
     * The 2-D phase filters of an upscale by {@code scale}, {@code [s*s, 5, 5]} row-major: filter
     * {@code py*s + px} (the order of ONNX DepthToSpace CRD) holds {@code wy[py][ky] * wx[px][kx]}.
     */
    public static float[] phaseFilters(int scale) {
        double[][] w = new double[scale][];
        for (int p = 0; p < scale; p++) {
            w[p] = phaseWeights(scale, p);
        }
        float[] out = new float[scale * scale * TAPS * TAPS];
        int i = 0;
        for (int py = 0; py < scale; py++) {
            for (int px = 0; px < scale; px++) {
                for (int ky = 0; ky < TAPS; ky++) {
                    for (int kx = 0; kx < TAPS; kx++) {
                        out[i++] = (float) (w[py][ky] * w[px][kx]);
                    }
                }
            }
        }
        return out;
    }
}
