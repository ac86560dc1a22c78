package dev.stylefleet.infer.bench;

import static dev.stylefleet.platform.onnx.OnnxAttributes.ints;
import static dev.stylefleet.platform.onnx.OnnxAttributes.real;
import static dev.stylefleet.platform.onnx.OnnxAttributes.string;
import static dev.stylefleet.platform.onnx.OnnxAttributes.tensor;

import dev.stylefleet.platform.onnx.Onnx.AttributeProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.platform.onnx.OnnxModelBuilder;
import dev.stylefleet.platform.onnx.OnnxTensors;
import java.util.Arrays;
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
 * Weights: He-normal, seeded, so a given spec always gives the same bytes. Written through the
 * project's one ONNX writer, {@link OnnxModelBuilder}.
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
    private final OnnxModelBuilder onnx;

    private StyleNetOnnx(Spec spec, OnnxModelBuilder onnx) {
        this.spec = spec;
        this.random = new Random(spec.seed());
        this.onnx = onnx;
    }

    public static byte[] build(Spec spec) {
        OnnxModelBuilder onnx = new OnnxModelBuilder("style-net", OPSET).producer("stylefleet-test-style-net", "");
        return new StyleNetOnnx(spec, onnx).model();
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
        OnnxModelBuilder onnx = new OnnxModelBuilder("torch-jit-export", PYTORCH_EXPORT_OPSET).irVersion(6)
                .producer("pytorch", "1.8");
        return new StyleNetOnnx(spec, onnx).pytorchExport(height, width);
    }

    private byte[] model() {
        onnx.input("image", TensorProto.DataType.FLOAT, "N", 3, "H", "W");
        String x = scalarOp("Mul", "image", 1f / 255f);
        x = block(x, 3, spec.c1(), 9, 1, true);
        x = block(x, spec.c1(), spec.c2(), 3, 2, true);
        x = block(x, spec.c2(), spec.c3(), 3, 2, true);
        for (int i = 0; i < spec.residualBlocks(); i++) {
            String h = block(x, spec.c3(), spec.c3(), 3, 1, true);
            h = block(h, spec.c3(), spec.c3(), 3, 1, false);
            x = node("Add", List.of(x, h));
        }
        x = up(x, spec.c3(), spec.c2());
        x = up(x, spec.c2(), spec.c1());
        x = conv(x, spec.c1(), 3, 9, 1);
        x = node("Tanh", List.of(x));
        x = scalarOp("Mul", x, 127.5f);
        String out = scalarOp("Add", x, 127.5f);
        String output = onnx.node("Identity", "output", List.of(out));
        onnx.output(output, TensorProto.DataType.FLOAT, "N", 3, "H", "W");
        return onnx.toByteArray();
    }

    private byte[] pytorchExport(int h, int w) {
        onnx.input(PYTORCH_INPUT, TensorProto.DataType.FLOAT, 1, 3, h, w);
        String x = reflectConv(PYTORCH_INPUT, 3, spec.c1(), 9, 1, true, true);
        x = reflectConv(x, spec.c1(), spec.c2(), 3, 2, true, true);
        x = reflectConv(x, spec.c2(), spec.c3(), 3, 2, true, true);
        for (int i = 0; i < spec.residualBlocks(); i++) {
            String r = reflectConv(x, spec.c3(), spec.c3(), 3, 1, true, true);
            r = reflectConv(r, spec.c3(), spec.c3(), 3, 1, true, false);
            x = node("Add", List.of(x, r));
        }
        x = reflectConv(nearestUp(x), spec.c3(), spec.c2(), 3, 1, true, true);
        x = reflectConv(nearestUp(x), spec.c2(), spec.c1(), 3, 1, true, true);
        x = reflectConv(x, spec.c1(), 3, 9, 1, false, false);
        onnx.output(x, TensorProto.DataType.FLOAT, 1, 3, h, w);
        return onnx.toByteArray();
    }

    /** ReflectionPad2d(k/2), Conv(stride) (+ InstanceNorm) (+ ReLU): the example's ConvLayer and friends. */
    private String reflectConv(String x, int cin, int cout, int k, int stride, boolean norm, boolean relu) {
        int p = k / 2;
        String pads = constant(OnnxTensors.int64s("pads", 0, 0, p, p, 0, 0, p, p));
        String y = node("Pad", List.of(x, pads), string("mode", "reflect"));
        String wt = init(new long[] {cout, cin, k, k}, he(cout * cin * k * k, cin * k * k));
        String b = init(new long[] {cout}, small(cout));
        y = node("Conv", List.of(y, wt, b), ints("kernel_shape", k, k), ints("strides", stride, stride),
                ints("pads", 0, 0, 0, 0));
        if (norm) {
            y = node("InstanceNormalization", List.of(y, init(new long[] {cout}, ones(cout)),
                    init(new long[] {cout}, small(cout))), real("epsilon", 1e-5f));
        }
        return relu ? node("Relu", List.of(y)) : y;
    }

    /** torch.nn.functional.interpolate(scale_factor=2, mode="nearest") as opset 11 exports it. */
    private String nearestUp(String x) {
        String roi = constant(OnnxTensors.floats("roi", new long[] {0}, new float[0]));
        String scales = constant(OnnxTensors.floats("scales", new long[] {4}, new float[] {1f, 1f, 2f, 2f}));
        return node("Resize", List.of(x, roi, scales), string("mode", "nearest"),
                string("coordinate_transformation_mode", "asymmetric"), string("nearest_mode", "floor"));
    }

    /** A Constant node's output, as torch writes pads and scales. */
    private String constant(TensorProto value) {
        return node("Constant", List.of(), tensor("value", value));
    }

    /** conv (+ InstanceNorm) (+ ReLU). */
    private String block(String x, int cin, int cout, int k, int stride, boolean relu) {
        String y = conv(x, cin, cout, k, stride);
        if (spec.instanceNorm()) {
            String scale = init(new long[] {cout}, ones(cout));
            String bias = init(new long[] {cout}, new float[cout]);
            y = node("InstanceNormalization", List.of(y, scale, bias), real("epsilon", 1e-5f));
        }
        return relu ? node("Relu", List.of(y)) : y;
    }

    private String up(String x, int cin, int cout) {
        String y;
        if (spec.upsample() == Upsample.DECONV) {
            // ConvTranspose weights are [Cin, Cout, k, k]; pads 1 + output_padding 1 doubles the size.
            String w = init(new long[] {cin, cout, 3, 3}, he(cin * cout * 9, cin * 9 / 4.0));
            String b = init(new long[] {cout}, small(cout));
            y = node("ConvTranspose", List.of(x, w, b), ints("kernel_shape", 3, 3), ints("strides", 2, 2),
                    ints("pads", 1, 1, 1, 1), ints("output_padding", 1, 1));
        } else {
            String roi = init(new long[] {0}, new float[0]);
            String scales = init(new long[] {4}, new float[] {1, 1, 2, 2});
            String r = node("Resize", List.of(x, roi, scales), string("mode", "nearest"));
            y = conv(r, cin, cout, 3, 1);
        }
        if (spec.instanceNorm()) {
            y = node("InstanceNormalization", List.of(y, init(new long[] {cout}, ones(cout)),
                    init(new long[] {cout}, new float[cout])), real("epsilon", 1e-5f));
        }
        return node("Relu", List.of(y));
    }

    private String conv(String x, int cin, int cout, int k, int stride) {
        String w = init(new long[] {cout, cin, k, k}, he(cout * cin * k * k, cin * k * k));
        String b = init(new long[] {cout}, small(cout));
        int p = k / 2;
        return node("Conv", List.of(x, w, b), ints("kernel_shape", k, k), ints("strides", stride, stride),
                ints("pads", p, p, p, p));
    }

    private String scalarOp(String op, String x, float value) {
        return node(op, List.of(x, onnx.scalar("c", value)));
    }

    private String node(String op, List<String> inputs, AttributeProto... attributes) {
        return onnx.node(op, op.toLowerCase(), inputs, attributes);
    }

    private String init(long[] dims, float[] values) {
        return onnx.floats("w", dims, values);
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
        Arrays.fill(v, 1f);
        return v;
    }
}
