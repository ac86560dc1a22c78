package dev.stylefleet.infer;

import dev.stylefleet.schemas.onnx.Onnx.AttributeProto;
import dev.stylefleet.schemas.onnx.Onnx.GraphProto;
import dev.stylefleet.schemas.onnx.Onnx.ModelProto;
import dev.stylefleet.schemas.onnx.Onnx.NodeProto;
import dev.stylefleet.schemas.onnx.Onnx.OperatorSetIdProto;
import dev.stylefleet.schemas.onnx.Onnx.StringStringEntryProto;
import dev.stylefleet.schemas.onnx.Onnx.TensorProto;
import dev.stylefleet.schemas.onnx.Onnx.TensorShapeProto;
import dev.stylefleet.schemas.onnx.Onnx.TypeProto;
import dev.stylefleet.schemas.onnx.Onnx.ValueInfoProto;
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
 *     -> Resize(mode=cubic, cubic_coeff_a=-0.5, coordinate_transformation_mode=half_pixel,
 *               exclude_outside=0, scales=[1,1,s,s])
 *     -> Clip(0, 255)           cubic overshoots near edges; outputs must stay in [0,255]
 *   output float32 [N,3,H*s,W*s]
 * </pre>
 *
 * <p>Choices: a = -0.5 (not PyTorch's -0.75) and half-pixel centres (x_in = (x_out + 0.5) / s - 0.5)
 * reproduce imresize's interpolation. Outside the image ONNX Runtime clamps the sample index to the
 * border (edge replication) where imresize mirrors (index -2 reads pixel 1, not pixel 0). Only samples
 * that fall outside the first/last pixel centre use a second outside tap, so the two agree everywhere
 * except the outermost s/2 output rows and columns on each side. Upsampling needs no antialiasing, so
 * {@code antialias} stays 0.
 *
 * <p>Opset 18 (the first with Resize-18) at IR version 8, the pair ONNX 1.13 writes; ONNX Runtime 1.23
 * reads both.
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
        TensorProto scales = TensorProto.newBuilder()
                .setName("scales")
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(4)
                .addAllFloatData(List.of(1f, 1f, (float) scale, (float) scale))
                .build();
        TensorProto min = scalar("clip_min", 0f);
        TensorProto max = scalar("clip_max", 255f);

        NodeProto resize = NodeProto.newBuilder()
                .setName("bicubic_resize")
                .setOpType("Resize")
                // Inputs: X, roi (absent: only used by tf_crop_and_resize), scales.
                .addInput(INPUT).addInput("").addInput("scales")
                .addOutput("resized")
                .addAttribute(string("mode", "cubic"))
                .addAttribute(floatAttr("cubic_coeff_a", CUBIC_COEFF_A))
                .addAttribute(string("coordinate_transformation_mode", COORDINATE_TRANSFORMATION))
                .addAttribute(intAttr("exclude_outside", 0))
                .addAttribute(intAttr("antialias", 0))
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
                .addNode(resize)
                .addNode(clip)
                .addInitializer(scales)
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
