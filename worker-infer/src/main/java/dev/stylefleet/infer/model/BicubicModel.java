package dev.stylefleet.infer.model;

import dev.stylefleet.platform.onnx.Onnx.AttributeProto;
import dev.stylefleet.platform.onnx.Onnx.GraphProto;
import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import dev.stylefleet.platform.onnx.Onnx.NodeProto;
import dev.stylefleet.platform.onnx.Onnx.OperatorSetIdProto;
import dev.stylefleet.platform.onnx.Onnx.StringStringEntryProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.platform.onnx.Onnx.TensorShapeProto;
import dev.stylefleet.platform.onnx.Onnx.TypeProto;
import dev.stylefleet.platform.onnx.Onnx.ValueInfoProto;
import java.nio.charset.StandardCharsets;
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
 * exclude_outside=0) written as a polyphase convolution. With an integer scale, output pixel
 * X*s + p samples input x = X + d_p, d_p = (p + 0.5)/s - 0.5, so every output phase p uses the same four
 * taps and weights at every X: within offsets -2..+2 of X, hence a 5x5 filter per (row phase, column
 * phase), the product of the two 1-D Keys weight sets. Edge padding reproduces Resize's clamping of
 * sample indices to the border. Why not Resize itself: ONNX Runtime 1.23's CPU cubic resize computes
 * coefficients per output pixel and took 271 ms for 256² -> 1024² on 2 threads, about half of a whole
 * super-resolution job; the convolution does the same arithmetic in a few milliseconds.
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
    public static final long IR_VERSION = 8;
    /** Keys' kernel parameter of MATLAB's imresize. */
    public static final float CUBIC_COEFF_A = -0.5f;
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
        TensorProto pads = TensorProto.newBuilder()
                .setName("pads")
                .setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(8)
                .addAllInt64Data(List.of(0L, 0L, (long) TAP_REACH, (long) TAP_REACH, 0L, 0L, (long) TAP_REACH,
                        (long) TAP_REACH))
                .build();
        TensorProto weights = phaseFilters(scale);
        TensorProto min = scalar("clip_min", 0f);
        TensorProto max = scalar("clip_max", 255f);

        NodeProto pad = NodeProto.newBuilder()
                .setName("edge_pad")
                .setOpType("Pad")
                .addInput(INPUT).addInput("pads")
                .addOutput("padded")
                .addAttribute(string("mode", "edge"))
                .build();
        NodeProto conv = NodeProto.newBuilder()
                .setName("bicubic_phases")
                .setOpType("Conv")
                .addInput("padded").addInput("phase_filters")
                .addOutput("phases")
                .addAttribute(intAttr("group", 3))
                .build();
        NodeProto interleave = NodeProto.newBuilder()
                .setName("interleave_phases")
                .setOpType("DepthToSpace")
                .addInput("phases")
                .addOutput("resized")
                .addAttribute(intAttr("blocksize", scale))
                .addAttribute(string("mode", "CRD"))
                .build();
        NodeProto clip = NodeProto.newBuilder()
                .setName("clip_to_pixel_range")
                .setOpType("Clip")
                .addInput("resized").addInput("clip_min").addInput("clip_max")
                .addOutput(OUTPUT)
                .build();
        GraphProto graph = GraphProto.newBuilder()
                .setName(modelId(scale))
                .setDocString("Bicubic x" + scale + " (Keys a=-0.5, half-pixel centres), clipped to [0,255]")
                .addNode(pad)
                .addNode(conv)
                .addNode(interleave)
                .addNode(clip)
                .addInitializer(pads)
                .addInitializer(weights)
                .addInitializer(min)
                .addInitializer(max)
                .addInput(image(INPUT, "N", "H", "W"))
                .addOutput(image(OUTPUT, "N", "H*" + scale, "W*" + scale))
                .build();

        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("stylefleet")
                .setProducerVersion("1")
                .setDomain("dev.stylefleet")
                .setModelVersion(1)
                .setDocString("Johnson et al. 2016 super-resolution baseline: bicubic x" + scale)
                .setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .addMetadataProps(meta("task", "super-resolve"))
                .addMetadataProps(meta("scale", Integer.toString(scale)))
                .build()
                .toByteArray();
    }

    /** Input pixels on each side of a sample position that a phase filter can reach. */
    private static final int TAP_REACH = 2;
    private static final int TAPS = 2 * TAP_REACH + 1;

    /**
     * Conv weights [3*s*s, 1, 5, 5]: for channel c and phase (py, px), output channel c*s*s + py*s + px
     * (DepthToSpace CRD order) holds wy[py][ky] * wx[px][kx].
     */
    private static TensorProto phaseFilters(int scale) {
        double[][] w = new double[scale][];
        for (int p = 0; p < scale; p++) {
            w[p] = taps(scale, p);
        }
        TensorProto.Builder t = TensorProto.newBuilder()
                .setName("phase_filters")
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(3L * scale * scale).addDims(1).addDims(TAPS).addDims(TAPS);
        for (int c = 0; c < 3; c++) {
            for (int py = 0; py < scale; py++) {
                for (int px = 0; px < scale; px++) {
                    for (int ky = 0; ky < TAPS; ky++) {
                        for (int kx = 0; kx < TAPS; kx++) {
                            t.addFloatData((float) (w[py][ky] * w[px][kx]));
                        }
                    }
                }
            }
        }
        return t.build();
    }

    /** The 1-D weights of phase {@code p} over input offsets -2..+2 (index = offset + 2). */
    static double[] taps(int scale, int p) {
        double d = (p + 0.5) / scale - 0.5;
        int floor = (int) Math.floor(d);
        double t = d - floor;
        double[] w = new double[TAPS];
        for (int k = -1; k <= 2; k++) {
            w[floor + k + TAP_REACH] = keys(k - t);
        }
        return w;
    }

    /** Keys' cubic convolution kernel with a = {@link #CUBIC_COEFF_A}. */
    private static double keys(double x) {
        double a = CUBIC_COEFF_A;
        double ax = Math.abs(x);
        if (ax <= 1) {
            return (a + 2) * ax * ax * ax - (a + 3) * ax * ax + 1;
        }
        if (ax < 2) {
            return a * ax * ax * ax - 5 * a * ax * ax + 8 * a * ax - 4 * a;
        }
        return 0;
    }

    private static ValueInfoProto image(String name, String n, String h, String w) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(n))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(3))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(h))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(w))
                .build();
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape)))
                .build();
    }

    private static TensorProto scalar(String name, float value) {
        // No dims: a rank-0 tensor, which is what Clip-13+ expects for min and max.
        return TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addFloatData(value)
                .build();
    }

    private static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    private static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                .setF(value).build();
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    private static StringStringEntryProto meta(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
