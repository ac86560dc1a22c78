package dev.stylefleet.platform.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.stylefleet.platform.onnx.OnnxAttributes.ints;
import static dev.stylefleet.platform.onnx.OnnxAttributes.string;

import dev.stylefleet.platform.onnx.Onnx.AttributeProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The shared model-import check, on small graphs built in code and run by ONNX Runtime. */
class ModelProbeTest {
    static final String STYLIZE = "stylize";
    static final String SR = "super-resolve";

    @Test
    void acceptsAnyInputNameAndProbesDynamicInputsAt64() {
        ModelProbe.Report r = ModelProbe.probe(identity(in("input.1", "N", 3, "H", "W")), STYLIZE, 1);
        assertThat(r.inputName()).isEqualTo("input.1");
        assertThat(r.outputShape()).containsExactly(1, 3, 64, 64);
        assertThat(r.fixedSize()).isNull();
    }

    @Test
    void probesAFixedSizeModelAtItsSize() {
        ModelProbe.Report r = ModelProbe.probe(identity(in("x", 1, 3, 32, 48)), STYLIZE, 1);
        assertThat(r.fixedSize()).containsExactly(32, 48);
        assertThat(r.outputShape()).containsExactly(1, 3, 32, 48);
    }

    @Test
    void initializersListedAsGraphInputsAreWeightsNotInputs() {
        // torch.onnx.export before 1.4 (keep_initializers_as_inputs) lists every weight as a graph input too.
        Graph g = new Graph(11).input(in("input.1", 1, 3, 16, 16)).constant("bias", 1f).input(in("bias"))
                .node("Add", "out", "input.1", "bias").output(in("out", 1, 3, 16, 16));
        assertThat(ModelProbe.probe(g.bytes(), STYLIZE, 1).inputName()).isEqualTo("input.1");
    }

    @Test
    void refusesWhatOnnxRuntimeCannotLoadOrRun() {
        Graph unknownOp = new Graph(17).input(in("image", "N", 3, "H", "W")).node("FancyStyle", "out", "image")
                .output(in("out", "N", 3, "H", "W"));
        refused(() -> ModelProbe.probe(unknownOp.bytes(), STYLIZE, 1), "file", "FancyStyle");
        // Weights for 5 input channels on a 3-channel image: valid protobuf, inconsistent shapes.
        Graph badConv = new Graph(17).input(in("image", 1, 3, 16, 16)).weights("w", new long[] {3, 5, 3, 3}, 0.1f)
                .node("Conv", "out", List.of("image", "w"), ints("pads", 1, 1, 1, 1))
                .output(in("out", 1, 3, 16, 16));
        refused(() -> ModelProbe.probe(badConv.bytes(), STYLIZE, 1), "file", "Conv");
        refused(() -> ModelProbe.probe("not onnx".getBytes(StandardCharsets.UTF_8), STYLIZE, 1), "file",
                "cannot load");
        refused(() -> ModelProbe.probe(new byte[0], STYLIZE, 1), "file", "empty");
    }

    @Test
    void refusesAnOutputSizeOtherThanTheScaleNamingTheScaleTheFileHas() {
        byte[] x4 = upsample(4);
        assertThat(ModelProbe.probe(x4, SR, 4).outputShape()).containsExactly(1, 3, 256, 256);
        refused(() -> ModelProbe.probe(x4, SR, 2), "scale", "upscaling by 4", "[1, 3, 128, 128]",
                "super-resolve with scale 4");
        refused(() -> ModelProbe.probe(x4, STYLIZE, 1), "scale", "[1, 3, 64, 64]");
        refused(() -> ModelProbe.probe(identity(in("image", "N", 3, "H", "W")), SR, 4), "scale",
                "import it as a stylize model");
        // One channel out: ONNX Runtime infers the output shape, so the signature already tells.
        Graph grey = new Graph(17).input(in("image", "N", 3, "H", "W"))
                .node("ReduceMean", "out", List.of("image"), ints("axes", 1)).output(untyped("out"));
        refused(() -> ModelProbe.probe(grey.bytes(), STYLIZE, 1), "output", "[N,3,H,W]", "[-1, 1, -1, -1]");
        // Channels last: dimension 1 is H, unknown until the probe runs.
        Graph nhwc = new Graph(17).input(in("image", "N", 3, "H", "W"))
                .node("Transpose", "out", List.of("image"), ints("perm", 0, 2, 3, 1)).output(untyped("out"));
        refused(() -> ModelProbe.probe(nhwc.bytes(), STYLIZE, 1), "output", "must be [1, 3, 64, 64]",
                "was [1, 64, 64, 3]");
    }

    @Test
    void refusesInputsOutsideTheInterface() {
        refused(() -> ModelProbe.probe(identity(in("image", 2, 3, "H", "W")), STYLIZE, 1), "input", "batch");
        refused(() -> ModelProbe.probe(identity(in("image", 1, 3, 64, "W")), STYLIZE, 1), "input", "both fixed");
        refused(() -> ModelProbe.probe(identity(in("image", "N", 4, "H", "W")), STYLIZE, 1), "input", "[N,3,H,W]");
        Graph ints = new Graph(17).input(typed("image", TensorProto.DataType.INT32))
                .node("Identity", "out", "image").output(typed("out", TensorProto.DataType.INT32));
        refused(() -> ModelProbe.probe(ints.bytes(), STYLIZE, 1), "input", "float32");
        Graph two = new Graph(17).input(in("a", "N", 3, "H", "W")).input(in("b", "N", 3, "H", "W"))
                .node("Add", "out", "a", "b").output(in("out", "N", 3, "H", "W"));
        refused(() -> ModelProbe.probe(two.bytes(), STYLIZE, 1), "input", "exactly one input");
    }

    @Test
    void refusesAFixedSizeAboveTheBoundWithoutRunningIt() {
        refused(() -> ModelProbe.probe(identity(in("image", 1, 3, 2048, 2048)), STYLIZE, 1), "input",
                "1048576", "2048x2048");
        // 512 x 512 is fine for a style model, but at x4 it would be a 2048 x 2048 output.
        assertThat(ModelProbe.probe(identity(in("image", 1, 3, 512, 512)), STYLIZE, 1).fixedSize())
                .containsExactly(512, 512);
        refused(() -> ModelProbe.probe(upsampleFixed(4, 512), SR, 4), "input", "scale 4");
    }

    @Test
    void refusesNonFiniteOutputs() {
        Graph nan = new Graph(17).input(in("image", "N", 3, "H", "W")).node("Neg", "neg", "image")
                .node("Sqrt", "out", "neg").output(in("out", "N", 3, "H", "W"));
        refused(() -> ModelProbe.probe(nan.bytes(), STYLIZE, 1), "output", "NaN", "finite");
    }

    @Test
    void aProbeRunPastTheTimeoutIsTerminated() {
        // 300 chained 3x3 convolutions on 64 x 64: far more than a millisecond of work.
        Graph slow = new Graph(17).input(in("image", "N", 3, "H", "W")).weights("w", new long[] {3, 3, 3, 3}, 1f / 27);
        String x = "image";
        for (int i = 0; i < 300; i++) {
            slow.node("Conv", "c" + i, List.of(x, "w"), ints("pads", 1, 1, 1, 1));
            x = "c" + i;
        }
        slow.output(in(x, "N", 3, "H", "W"));
        refused(() -> ModelProbe.probe(slow.bytes(), STYLIZE, 1, Duration.ofMillis(1)), "file",
                "did not finish within 0.001 s");
        assertThat(ModelProbe.probe(slow.bytes(), STYLIZE, 1).outputShape()).containsExactly(1, 3, 64, 64);
    }

    @Test
    void refusesTaskAndScaleOutsideTheirValues() {
        byte[] ok = identity(in("image", "N", 3, "H", "W"));
        refused(() -> ModelProbe.probe(ok, "colorize", 1), "task", "stylize or super-resolve");
        refused(() -> ModelProbe.probe(ok, STYLIZE, 2), "scale", "must be 1");
        refused(() -> ModelProbe.probe(ok, SR, 5), "scale", "[2, 3, 4, 8]");
    }

    static void refused(ThrowingCallable call, String field, String... mentions) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidModelException.class, e -> {
            assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith(field + ": ").contains(mentions);
        });
    }

    // ---- graphs ----

    static byte[] identity(Value input) {
        return new Graph(17).input(input).node("Identity", "out", input.name()).output(untyped("out")).bytes();
    }

    /** Nearest-neighbour upsampling by {@code s}, dynamic size. */
    static byte[] upsample(int s) {
        return resize(in("image", "N", 3, "H", "W"), s);
    }

    static byte[] upsampleFixed(int s, int side) {
        return resize(in("image", 1, 3, side, side), s);
    }

    private static byte[] resize(Value input, int s) {
        return new Graph(17).input(input).constant("roi").constant("scales", 1f, 1f, s, s)
                .node("Resize", "out", List.of("image", "roi", "scales"), string("mode", "nearest"))
                .output(untyped("out")).bytes();
    }

    /** A graph input or output: its element type and dims (null: no declared shape). */
    record Value(String name, TensorProto.DataType type, Object[] dims) {}

    /** A float32 tensor value; dims are numbers (fixed) or strings (symbolic); none: no declared shape. */
    static Value in(String name, Object... dims) {
        return new Value(name, TensorProto.DataType.FLOAT, dims.length > 0 ? dims : null);
    }

    static Value untyped(String name) {
        return in(name);
    }

    static Value typed(String name, TensorProto.DataType type) {
        return new Value(name, type, null);
    }

    /** A graph under construction ({@link OnnxModelBuilder}), with the opset it declares. */
    static final class Graph {
        private final OnnxModelBuilder model;

        Graph(int opset) {
            model = new OnnxModelBuilder("probe-test", opset).irVersion(opset >= 13 ? 8 : 6);
        }

        Graph input(Value v) {
            if (v.dims() == null) {
                model.inputOfAnyShape(v.name(), v.type());
            } else {
                model.input(v.name(), v.type(), v.dims());
            }
            return this;
        }

        Graph output(Value v) {
            if (v.dims() == null) {
                model.outputOfAnyShape(v.name(), v.type());
            } else {
                model.output(v.name(), v.type(), v.dims());
            }
            return this;
        }

        Graph node(String op, String out, String... inputs) {
            return node(op, out, List.of(inputs));
        }

        Graph node(String op, String out, List<String> inputs, AttributeProto... attrs) {
            model.node(op, out, inputs, attrs);
            return this;
        }

        /** A float initializer of the given values, 1-D (or empty when none are given). */
        Graph constant(String name, float... values) {
            model.floats(name, new long[] {values.length}, values);
            return this;
        }

        /** A float initializer of the given shape, every element {@code value}. */
        Graph weights(String name, long[] dims, float value) {
            float[] values = new float[(int) Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
            Arrays.fill(values, value);
            model.floats(name, dims, values);
            return this;
        }

        byte[] bytes() {
            return model.toByteArray();
        }
    }
}
