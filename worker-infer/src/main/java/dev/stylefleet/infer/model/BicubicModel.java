package dev.stylefleet.infer.model;

import dev.stylefleet.platform.imaging.KeysCubic;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.platform.onnx.OnnxBicubicUpscale;
import dev.stylefleet.platform.onnx.OnnxModelBuilder;
import java.util.List;

/**
 * The bicubic super-resolution baseline as a real ONNX model, built in code.
 *
 * <p>Johnson et al. 2016, section 4.2 and Table 3: every super-resolution result (x4, x8) is compared
 * with bicubic interpolation, which in the paper (and in the SRCNN evaluation code it follows) is
 * MATLAB's {@code imresize(..., 'bicubic')}: Keys' cubic convolution kernel with a = -0.5, sampled at
 * half-pixel centres. The graph is
 *
 * <pre>
 *   image  float32 [N,3,H,W]   RGB in [0,255], N/H/W dynamic
 *     -> Pad(mode=edge, 2 on every side)                 [N,3,H+4,W+4]
 *     -> Conv(5x5, group=3, s*s filters per channel)     [N,3*s*s,H,W]   one filter per output phase
 *     -> DepthToSpace(blocksize=s, mode=CRD)             [N,3,H*s,W*s]   phases interleaved
 *     -> Clip(0, 255)           cubic overshoots near edges; outputs must stay in [0,255]
 *   output float32 [N,3,H*s,W*s]
 * </pre>
 *
 * <p>This is Resize(mode=cubic, cubic_coeff_a=-0.5, coordinate_transformation_mode=half_pixel,
 * exclude_outside=0) written as a polyphase convolution ({@link OnnxBicubicUpscale}, the same nodes
 * as the network export's bicubic skip; weights from {@link KeysCubic}). With an integer scale, output
 * pixel X*s + p samples input x = X + d_p, d_p = (p + 0.5)/s - 0.5, so every output phase p uses the
 * same four taps and weights at every X: within offsets -2..+2 of X, hence a 5x5 filter per (row
 * phase, column phase), the product of the two 1-D Keys weight sets. Edge padding reproduces Resize's
 * clamping of sample indices to the border. Why not Resize itself: ONNX Runtime 1.23's CPU cubic
 * resize computes coefficients per output pixel and took 271 ms for 256² -> 1024² on 2 threads, about
 * half of a whole super-resolution job; the convolution does the same arithmetic in a few milliseconds.
 *
 * <p>Choices: a = -0.5 (not PyTorch's -0.75) and half-pixel centres (x_in = (x_out + 0.5) / s - 0.5)
 * reproduce imresize's interpolation. Outside the image ONNX Runtime clamps the sample index to the
 * border (edge replication) where imresize mirrors (index -2 reads pixel 1, not pixel 0). Only samples
 * that fall outside the first/last pixel centre use a second outside tap, so the two agree everywhere
 * except the outermost s/2 output rows and columns on each side. Upsampling needs no antialiasing, so
 * {@code antialias} stays 0.
 *
 * <p>Opset 18 (Pad-18, DepthToSpace-13, Conv-11, Clip-13) at IR version 8, the pair ONNX 1.13 writes;
 * ONNX Runtime 1.23 reads both.
 */
public final class BicubicModel {
    private BicubicModel() {}

    /** Opset of the default ("ai.onnx") domain the graph uses. */
    public static final long OPSET = 18;
    /** ONNX IR version matching {@link #OPSET}. */
    public static final long IR_VERSION = OnnxModelBuilder.IR_VERSION;
    /** Keys' kernel parameter of MATLAB's imresize. */
    public static final float CUBIC_COEFF_A = (float) KeysCubic.A;
    /** Where output sample centres map to in the input: MATLAB's convention. */
    public static final String COORDINATE_TRANSFORMATION = "half_pixel";

    public static final String INPUT = "image";
    public static final String OUTPUT = "output";

    /** The registry id of the bicubic model with this scale, e.g. {@code bicubic-x4}. */
    public static String modelId(int scale) {
        return "bicubic-x" + scale;
    }

    /** A serialized ONNX model that upsamples by {@code scale} (an integer, 2..16). */
    public static byte[] build(int scale) {
        if (scale < 2 || scale > 16) {
            throw new IllegalArgumentException("scale must be an integer in 2..16, was " + scale);
        }
        OnnxModelBuilder m = new OnnxModelBuilder(modelId(scale), OPSET).irVersion(IR_VERSION)
                .producer("stylefleet", "1")
                .modelDomain("dev.stylefleet", 1)
                .docString("Johnson et al. 2016 super-resolution baseline: bicubic x" + scale)
                .graphDocString("Bicubic x" + scale + " (Keys a=-0.5, half-pixel centres), clipped to [0,255]")
                .metadata("task", "super-resolve")
                .metadata("scale", Integer.toString(scale))
                .input(INPUT, TensorProto.DataType.FLOAT, "N", 3L, "H", "W");
        String resized = OnnxBicubicUpscale.emit(m, "bicubic", INPUT, scale);
        // Cubic overshoots near edges; outputs must stay in [0,255]. Clip-13+ takes rank-0 min and max.
        String out = m.node("Clip", OUTPUT, List.of(resized, m.scalar("clip_min", 0f), m.scalar("clip_max", 255f)));
        m.output(out, TensorProto.DataType.FLOAT, "N", 3L, "H*" + scale, "W*" + scale);
        return m.toByteArray();
    }
}
