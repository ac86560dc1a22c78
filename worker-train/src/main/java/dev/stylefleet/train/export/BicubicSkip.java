package dev.stylefleet.train.export;

import static dev.stylefleet.train.export.OnnxGraphWriter.integer;
import static dev.stylefleet.train.export.OnnxGraphWriter.ints;
import static dev.stylefleet.train.export.OnnxGraphWriter.string;

import dev.stylefleet.train.net.BicubicUpscale;
import java.util.List;

/**
 * The global skip of {@code skip=bicubic} in ONNX: the bicubic upscale by an integer {@code s} of
 * the raw input image, as the TensorFlow net computes it ({@code dev.stylefleet.train.net.BicubicUpscale}:
 * Keys a = -0.5, half-pixel centres, border replicated), and as worker-infer's {@code BicubicModel}
 * (the {@code bicubic-x4/x8} built-ins) does, in the same polyphase form:
 *
 * <pre>
 *   image  [N, 3, H, W]
 *   Pad(mode=edge, 2 on every side)                 [N, 3, H+4, W+4]
 *   Conv(5x5, group 3, s*s filters per channel)     [N, 3*s*s, H, W]   one filter per output phase
 *   DepthToSpace(s, CRD)                            [N, 3, H*s, W*s]   phases interleaved
 * </pre>
 *
 * <p>Output pixel {@code X*s + p} samples input position {@code X + d_p}, {@code d_p = (p + 0.5)/s - 0.5},
 * so each output phase p uses the same four taps with the same Keys weights at every X, within
 * offsets -2..+2: one 5x5 filter per (row phase, column phase), the product of two 1-D weight sets.
 * Edge padding is the border clamp. Why not ONNX Resize(cubic): ONNX Runtime's CPU cubic resize
 * took 271 ms for 256² -> 1024² where this form took 19 ms (measured for {@code BicubicModel}); and
 * TensorFlow's own ResizeBicubic(halfPixelCenters) drops out-of-image taps and renormalises, up to
 * about 11 levels away from the clamp near the borders, which is why the net does not use it either.
 * The 1-D phase weights are the net's ({@link BicubicUpscale#phaseWeights}), so the two cannot drift apart;
 * worker-infer is not a dependency of worker-train, so its {@code BicubicModel} keeps its own.
 */
final class BicubicSkip {
    private BicubicSkip() {}

    static final int TAP_REACH = BicubicUpscale.TAP_REACH;
    static final int TAPS = BicubicUpscale.TAPS;

    /** Emits the upscale of {@code image} [N, 3, H, W]; returns [N, 3, H*s, W*s]. Scale 1: the image. */
    static String emit(OnnxGraphWriter g, String image, int scale) {
        if (scale == 1) {
            return image;
        }
        String name = "skip_bicubic";
        int r = TAP_REACH;
        String padded = g.node("Pad", name + "/edge_pad", List.of(image, g.int64s(name + "/pads", 0, 0, r, r, 0, 0, r, r)),
                string("mode", "edge"));
        float[] filters = phaseFilters(scale);
        float[] rgb = new float[3 * filters.length];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(filters, 0, rgb, c * filters.length, filters.length);
        }
        // Derived constants, not learned weights: float32 in every storage mode.
        String w = g.floats(name + "/phase_filters", new long[] {3L * scale * scale, 1, TAPS, TAPS}, rgb);
        String phases = g.node("Conv", name + "/phases", List.of(padded, w), ints("kernel_shape", TAPS, TAPS),
                ints("pads", 0, 0, 0, 0), integer("group", 3));
        return g.node("DepthToSpace", name, List.of(phases), integer("blocksize", scale), string("mode", "CRD"));
    }

    /**
     * Weights [s*s, 1, 5, 5] in DepthToSpace CRD order: channel {@code py*s + px} holds
     * {@code wy[py][ky] * wx[px][kx]}.
     */
    static float[] phaseFilters(int scale) {
        double[][] w = new double[scale][];
        for (int p = 0; p < scale; p++) {
            w[p] = BicubicUpscale.phaseWeights(scale, p);
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
