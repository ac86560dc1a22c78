package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.platform.onnx.Onnx;
import dev.stylefleet.platform.onnx.OnnxAttributes;
import dev.stylefleet.platform.onnx.OnnxModelBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The gateway's import check on models built in code: the shared ModelProbe (schemas' ModelProbeTest
 * covers each refusal) answered as 400 MODEL_INVALID with the form field at fault.
 */
class ModelImportCheckTest {

    /** A graph input or output: element type (ONNX's number, 1 = float32) and dims, numbers or symbols. */
    record Value(String name, int elemType, Object... dims) {}

    static Value tensor(String name, int elemType, Object... dims) {
        return new Value(name, elemType, dims);
    }

    /** An identity model in -> out with the given input and output. */
    static byte[] model(Value in, Value out) {
        return oneNode("Identity", in, out, List.of(in.name())).toByteArray();
    }

    /** A one-node model, opset 17, whose node computes {@code out} from {@code inputs}. */
    static OnnxModelBuilder oneNode(String op, Value in, Value out, List<String> inputs, Onnx.AttributeProto... attrs) {
        OnnxModelBuilder m = new OnnxModelBuilder("g", 17)
                .input(in.name(), Onnx.TensorProto.DataType.forNumber(in.elemType()), in.dims());
        m.node(op, out.name(), inputs, attrs);
        m.output(out.name(), Onnx.TensorProto.DataType.forNumber(out.elemType()), out.dims());
        return m;
    }

    public static byte[] valid() {
        return model(tensor("image", 1, "N", 3, "H", "W"), tensor("out", 1, "N", 3, "H", "W"));
    }

    /** What torch.onnx.export writes without input_names and dynamic_axes: input.1, fixed [1,3,64,64]. */
    public static byte[] torchNamedFixedSize() {
        return model(tensor("input.1", 1, 1, 3, 64, 64), tensor("out", 1, 1, 3, 64, 64));
    }

    /** A node ONNX Runtime has no kernel for: valid protobuf, not loadable. */
    public static byte[] unknownOp() {
        return oneNode("FancyStyle", tensor("image", 1, "N", 3, "H", "W"), tensor("out", 1, "N", 3, "H", "W"),
                List.of("image")).toByteArray();
    }

    /** Nearest-neighbour upsampling by {@code s}: a super-resolution model of that scale. */
    public static byte[] upscaling(int s) {
        OnnxModelBuilder m = new OnnxModelBuilder("g", 17)
                .input("image", Onnx.TensorProto.DataType.FLOAT, "N", 3, "H", "W");
        String roi = m.floats("roi", new long[] {0}, new float[0]);
        String scales = m.floats("scales", new long[] {4}, new float[] {1, 1, s, s});
        String out = m.node("Resize", "out", List.of("image", roi, scales), OnnxAttributes.string("mode", "nearest"));
        m.output(out, Onnx.TensorProto.DataType.FLOAT, "N", 3, "H2", "W2");
        return m.toByteArray();
    }

    @Test
    void acceptsAnyInputNameAndAFixedSize() {
        assertThat(ModelImportCheck.check(valid(), "stylize", 1).inputName()).isEqualTo("image");
        assertThat(ModelImportCheck.check(torchNamedFixedSize(), "stylize", 1).inputName()).isEqualTo("input.1");
        assertThat(ModelImportCheck.check(upscaling(4), "super-resolve", 4).outputShape()).containsExactly(1, 3, 256, 256);
    }

    @Test
    void refusesWithMODEL_INVALIDNamingTheFormField() {
        refused(() -> ModelImportCheck.check("not onnx at all".getBytes(StandardCharsets.UTF_8), "stylize", 1),
                "file", "file:");
        refused(() -> ModelImportCheck.check(unknownOp(), "stylize", 1), "file", "FancyStyle");
        refused(() -> ModelImportCheck.check(upscaling(4), "super-resolve", 2), "scale", "upscaling by 4");
        refused(() -> ModelImportCheck.check(valid(), "super-resolve", 4), "scale", "stylize");
        refused(() -> ModelImportCheck.check(model(tensor("image", 7, "N", 3, "H", "W"), tensor("out", 7, "N", 3, "H", "W")),
                "stylize", 1), "file", "input: ", "float32");
    }

    static void refused(ThrowingCallable call, String field, String... mentions) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID);
            assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
            assertThat(e.getMessage()).contains(mentions);
        });
    }
}
