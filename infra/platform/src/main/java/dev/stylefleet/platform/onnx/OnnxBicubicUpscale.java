package dev.stylefleet.platform.onnx;

import static dev.stylefleet.platform.onnx.OnnxAttributes.integer;
import static dev.stylefleet.platform.onnx.OnnxAttributes.ints;
import static dev.stylefleet.platform.onnx.OnnxAttributes.string;

import dev.stylefleet.platform.imaging.KeysCubic;
import java.util.List;

/**
 * The bicubic upscale by an integer s (Keys a = -0.5, half-pixel centres, border replicated) as
 * ONNX nodes, written once for the {@code bicubic-x4/x8} built-in models and the network export's
 * {@code skip=bicubic}:
 *
 * <pre>
 *   image  [N, 3, H, W]
 *   Pad(mode=edge, 2 on every side)                 [N, 3, H+4, W+4]
 *   Conv(5x5, group 3, s*s filters per channel)     [N, 3*s*s, H, W]   one filter per output phase
 *   DepthToSpace(s, CRD)                            [N, 3, H*s, W*s]   phases interleaved
 * </pre>
 *
 * <p>This is Resize(mode=cubic, cubic_coeff_a=-0.5, half_pixel, exclude_outside=0) written as a
 * polyphase convolution ({@link KeysCubic#phaseFilters}); edge padding is Resize's clamping of sample
 * indices to the border. Why not Resize itself: ONNX Runtime 1.23's CPU cubic resize computes
 * coefficients per output pixel and took 271 ms for 256² -> 1024² on 2 threads, this form 19 ms.
 * Opsets: Pad-13+ (pads as an input), Conv-11, DepthToSpace-13.
 */
public final class OnnxBicubicUpscale {
    private OnnxBicubicUpscale() {}

    /**
     * Emits the upscale of {@code image} [N, 3, H, W], its nodes and initializers named
     * {@code name/...}; returns the name of the [N, 3, H*s, W*s] result ({@code name}, if free).
     */
    public static String emit(OnnxModelBuilder m, String name, String image, int scale) {
        int r = KeysCubic.TAP_REACH;
        int taps = KeysCubic.TAPS;
        String padded = m.node("Pad", name + "/edge_pad",
                List.of(image, m.int64s(name + "/pads", 0, 0, r, r, 0, 0, r, r)), string("mode", "edge"));
        float[] filters = KeysCubic.phaseFilters(scale);
        float[] rgb = new float[3 * filters.length];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(filters, 0, rgb, c * filters.length, filters.length);
        }
        String w = m.floats(name + "/phase_filters", new long[] {3L * scale * scale, 1, taps, taps}, rgb);
        String phases = m.node("Conv", name + "/phases", List.of(padded, w), ints("kernel_shape", taps, taps),
                ints("pads", 0, 0, 0, 0), integer("group", 3));
        return m.node("DepthToSpace", name, List.of(phases), integer("blocksize", scale), string("mode", "CRD"));
    }
}
