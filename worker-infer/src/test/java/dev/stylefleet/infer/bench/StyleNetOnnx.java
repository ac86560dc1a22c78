package dev.stylefleet.infer.bench;

import com.google.protobuf.ByteString;
import dev.stylefleet.platform.onnx.Onnx.AttributeProto;
import dev.stylefleet.platform.onnx.Onnx.GraphProto;
import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import dev.stylefleet.platform.onnx.Onnx.NodeProto;
import dev.stylefleet.platform.onnx.Onnx.OperatorSetIdProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.platform.onnx.Onnx.TensorShapeProto;
import dev.stylefleet.platform.onnx.Onnx.TypeProto;
import dev.stylefleet.platform.onnx.Onnx.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

/**
 * A random-weight image transformation network with the registry's model interface, built directly
 * as ONNX: a test fixture (this module's tests and, through its test-jar, infra/cli's end-to-end tests),
 * so that the tests do not depend on worker-train. The inference benchmark (infra/bench) runs the real
 * {@code TransformerNet} export instead. The layout is
 * Johnson et al. 2016, supplementary Table 1 (style transfer):
 *
 * <pre>
 *   image [N,3,H,W] in [0,255] -> x/255
 *   c9s1-c1   conv 9x9 stride 1        [N,c1,H,W]      (+ InstanceNorm) + ReLU
 *   d-c2      conv 3x3 stride 2        [N,c2,H/2,W/2]  (+ InstanceNorm) + ReLU
 *   d-c3      conv 3x3 stride 2        [N,c3,H/4,W/4]  (+ InstanceNorm) + ReLU
 *   R-c3 x r  x + conv3(relu(norm(conv3(x))))          [N,c3,H/4,W/4]
 *   u-c2      ConvTranspose 3x3 s2 (or Resize x2 + conv 3x3)  [N,c2,H/2,W/2] (+ norm) + ReLU
 *   u-c1      ConvTranspose 3x3 s2 (or Resize x2 + conv 3x3)  [N,c1,H,W]     (+ norm) + ReLU
 *   c9s1-3    conv 9x9 stride 1        [N,3,H,W]
 *   127.5 * tanh(x) + 127.5 -> output [N,3,H,W] in [0,255]     (the paper's scaled tanh)
 * </pre>
 *
 * Convolutions zero-pad to keep the size (H and W must be multiples of 4). "Batch norm folded" means
 * {@code instanceNorm = false}: conv + bias only, what an inference export of a batch-norm network is.
 * Weights: He-normal, seeded, so a given spec always gives the same bytes.
 */
public final class StyleNetOnnx {
    /** Opset with InstanceNormalization, ConvTranspose output_padding and Resize-13+ semantics. */
    public static final int OPSET = 17;

    public enum Upsample { DECONV, RESIZE }

    /**
     * @param c1 channels of the first and last full-resolution layers (paper: 32)
     * @param c2 channels after the first downsampling (paper: 64)
     * @param c3 channels of the residual blocks (paper: 128)
     * @param residualBlocks paper: 5
     */
    public record Spec(int c1, int c2, int c3, int residualBlocks, boolean instanceNorm, Upsample upsample, long seed) {
        /** A small net with the same structure, fast enough for unit tests. */
        public static Spec tiny(boolean instanceNorm, Upsample upsample, long seed) {
            return new Spec(8, 12, 16, 1, instanceNorm, upsample, seed);
        }
    }

    private final Spec spec;
    private final Random random;
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("style-net");
    private int counter;

    private StyleNetOnnx(Spec spec) {
        this.spec = spec;
        this.random = new Random(spec.seed());
    }

    public static byte[] build(Spec spec) {
        return new StyleNetOnnx(spec).model().toByteArray();
    }

    /** Opset of {@link #buildPytorchExport}: what pytorch/examples exports were written with. */
    public static final int PYTORCH_EXPORT_OPSET = 11;
    /** The input name {@code torch.onnx.export} gives when called without {@code input_names}. */
    public static final String PYTORCH_INPUT = "input.1";

    /**
     * The same network in the layout of pytorch/examples' fast_neural_style {@code TransformerNet} as
     * {@code torch.onnx.export(model, dummy, path, opset_version=11)} writes it (no input_names, no
     * dynamic_axes), so models users bring from there can be imitated in tests without PyTorch:
     * input {@value #PYTORCH_INPUT} fixed at [1,3,height,width] in [0,255] (no scaling), every
     * convolution preceded by {@code Pad(mode=reflect)} (ReflectionPad2d) with its pads from a
     * {@code Constant} node, InstanceNormalization (affine) after every convolution but the last,
     * upsampling as {@code Resize(mode=nearest, coordinate_transformation_mode=asymmetric,
     * nearest_mode=floor)} by 2 before a stride-1 convolution (UpsampleConvLayer), and no output
     * activation (values roughly in [0,255]; the example clamps when it saves). IR version 6, opset
     * {@value #PYTORCH_EXPORT_OPSET}. Uses the spec's widths, residual blocks and seed; its
     * normalisation and upsampling choices do not apply. Height and width must be multiples of 4.
     */
    public static byte[] buildPytorchExport(Spec spec, int height, int width) {
        return new StyleNetOnnx(spec).pytorchExport(height, width).toByteArray();
    }

    private ModelProto model() {
        graph.addInput(nchw("image"));
        String x = scalarOp("Mul", "image", 1f / 255f);
        x = block(x, 3, spec.c1(), 9, 1, true);
        x = block(x, spec.c1(), spec.c2(), 3, 2, true);
        x = block(x, spec.c2(), spec.c3(), 3, 2, true);
        for (int i = 0; i < spec.residualBlocks(); i++) {
            String h = block(x, spec.c3(), spec.c3(), 3, 1, true);
            h = block(h, spec.c3(), spec.c3(), 3, 1, false);
            x = node("Add", List.of(x, h), List.of());
        }
        x = up(x, spec.c3(), spec.c2());
        x = up(x, spec.c2(), spec.c1());
        x = conv(x, spec.c1(), 3, 9, 1);
        x = node("Tanh", List.of(x), List.of());
        x = scalarOp("Mul", x, 127.5f);
        String out = scalarOp("Add", x, 127.5f);
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").addInput(out).addOutput("output"));
        graph.addOutput(nchw("output"));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("stylefleet-test-style-net")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph).build();
    }

    private ModelProto pytorchExport(int h, int w) {
        graph.setName("torch-jit-export");
        graph.addInput(fixedNchw(PYTORCH_INPUT, h, w));
        String x = reflectConv(PYTORCH_INPUT, 3, spec.c1(), 9, 1, true, true);
        x = reflectConv(x, spec.c1(), spec.c2(), 3, 2, true, true);
        x = reflectConv(x, spec.c2(), spec.c3(), 3, 2, true, true);
        for (int i = 0; i < spec.residualBlocks(); i++) {
            String r = reflectConv(x, spec.c3(), spec.c3(), 3, 1, true, true);
            r = reflectConv(r, spec.c3(), spec.c3(), 3, 1, true, false);
            x = node("Add", List.of(x, r), List.of());
        }
        x = reflectConv(nearestUp(x), spec.c3(), spec.c2(), 3, 1, true, true);
        x = reflectConv(nearestUp(x), spec.c2(), spec.c1(), 3, 1, true, true);
        x = reflectConv(x, spec.c1(), 3, 9, 1, false, false);
        graph.addOutput(fixedNchw(x, h, w));
        return ModelProto.newBuilder().setIrVersion(6).setProducerName("pytorch").setProducerVersion("1.8")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(PYTORCH_EXPORT_OPSET))
                .setGraph(graph).build();
    }

    /** ReflectionPad2d(k/2), Conv(stride) (+ InstanceNorm) (+ ReLU): the example's ConvLayer and friends. */
    private String reflectConv(String x, int cin, int cout, int k, int stride, boolean norm, boolean relu) {
        int p = k / 2;
        String pads = constant(TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE).addDims(8)
                .addAllInt64Data(List.of(0L, 0L, (long) p, (long) p, 0L, 0L, (long) p, (long) p)));
        String y = node("Pad", List.of(x, pads), List.of(stringAttr("mode", "reflect")));
        String wt = init(new long[] {cout, cin, k, k}, he(cout * cin * k * k, cin * k * k));
        String b = init(new long[] {cout}, small(cout));
        y = node("Conv", List.of(y, wt, b), List.of(ints("kernel_shape", k, k), ints("strides", stride, stride),
                ints("pads", 0, 0, 0, 0)));
        if (norm) {
            y = node("InstanceNormalization", List.of(y, init(new long[] {cout}, ones(cout)),
                    init(new long[] {cout}, small(cout))), List.of(floatAttr("epsilon", 1e-5f)));
        }
        return relu ? node("Relu", List.of(y), List.of()) : y;
    }

    /** torch.nn.functional.interpolate(scale_factor=2, mode="nearest") as opset 11 exports it. */
    private String nearestUp(String x) {
        String roi = constant(TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(0));
        String scales = constant(TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(4)
                .addAllFloatData(List.of(1f, 1f, 2f, 2f)));
        return node("Resize", List.of(x, roi, scales), List.of(stringAttr("mode", "nearest"),
                stringAttr("coordinate_transformation_mode", "asymmetric"), stringAttr("nearest_mode", "floor")));
    }

    /** A Constant node's output, as torch writes pads and scales. */
    private String constant(TensorProto.Builder value) {
        return node("Constant", List.of(), List.of(AttributeProto.newBuilder().setName("value")
                .setType(AttributeProto.AttributeType.TENSOR).setT(value).build()));
    }

    /** conv (+ InstanceNorm) (+ ReLU). */
    private String block(String x, int cin, int cout, int k, int stride, boolean relu) {
        String y = conv(x, cin, cout, k, stride);
        if (spec.instanceNorm()) {
            String scale = init(new long[] {cout}, ones(cout));
            String bias = init(new long[] {cout}, new float[cout]);
            y = node("InstanceNormalization", List.of(y, scale, bias), List.of(floatAttr("epsilon", 1e-5f)));
        }
        return relu ? node("Relu", List.of(y), List.of()) : y;
    }

    private String up(String x, int cin, int cout) {
        String y;
        if (spec.upsample() == Upsample.DECONV) {
            // ConvTranspose weights are [Cin, Cout, k, k]; pads 1 + output_padding 1 doubles the size.
            String w = init(new long[] {cin, cout, 3, 3}, he(cin * cout * 9, cin * 9 / 4.0));
            String b = init(new long[] {cout}, small(cout));
            y = node("ConvTranspose", List.of(x, w, b), List.of(ints("kernel_shape", 3, 3), ints("strides", 2, 2),
                    ints("pads", 1, 1, 1, 1), ints("output_padding", 1, 1)));
        } else {
            String roi = init(new long[] {0}, new float[0]);
            String scales = init(new long[] {4}, new float[] {1, 1, 2, 2});
            String r = node("Resize", List.of(x, roi, scales), List.of(stringAttr("mode", "nearest")));
            y = conv(r, cin, cout, 3, 1);
        }
        if (spec.instanceNorm()) {
            y = node("InstanceNormalization", List.of(y, init(new long[] {cout}, ones(cout)),
                    init(new long[] {cout}, new float[cout])), List.of(floatAttr("epsilon", 1e-5f)));
        }
        return node("Relu", List.of(y), List.of());
    }

    private String conv(String x, int cin, int cout, int k, int stride) {
        String w = init(new long[] {cout, cin, k, k}, he(cout * cin * k * k, cin * k * k));
        String b = init(new long[] {cout}, small(cout));
        int p = k / 2;
        return node("Conv", List.of(x, w, b), List.of(ints("kernel_shape", k, k), ints("strides", stride, stride),
                ints("pads", p, p, p, p)));
    }

    private String scalarOp(String op, String x, float value) {
        return node(op, List.of(x, init(new long[] {}, new float[] {value})), List.of());
    }

    private String node(String op, List<String> inputs, List<AttributeProto> attrs) {
        String out = op.toLowerCase() + "_" + counter++;
        graph.addNode(NodeProto.newBuilder().setOpType(op).setName(out).addAllInput(inputs).addOutput(out)
                .addAllAttribute(attrs));
        return out;
    }

    private String init(long[] dims, float[] values) {
        String name = "w_" + counter++;
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    private float[] he(int n, double fanIn) {
        float[] v = new float[n];
        double std = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * std);
        }
        return v;
    }

    private float[] small(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * 0.05);
        }
        return v;
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static AttributeProto floatAttr(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    private static AttributeProto stringAttr(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(v)).build();
    }

    private static ValueInfoProto fixedNchw(String name, int h, int w) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : new long[] {1, 3, h, w}) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return floatTensor(name, shape);
    }

    private static ValueInfoProto nchw(String name) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(3))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("H"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("W"));
        return floatTensor(name, shape);
    }

    private static ValueInfoProto floatTensor(String name, TensorShapeProto.Builder shape) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
