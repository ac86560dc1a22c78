package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.stylefleet.platform.onnx.Onnx;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The gateway's import check on models built in code: the shared ModelProbe (schemas' ModelProbeTest
 * covers each refusal) answered as 400 MODEL_INVALID with the form field at fault.
 */
class ModelImportCheckTest {

    static Onnx.ValueInfoProto tensor(String name, int elemType, Object... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(d instanceof String s ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam(s)
                    : Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) d).longValue()));
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder()
                .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape))).build();
    }

    /** An identity model in -> out with the given input and output. */
    static byte[] model(Onnx.ValueInfoProto in, Onnx.ValueInfoProto out) {
        return graph(Onnx.NodeProto.newBuilder().setOpType("Identity").addInput(in.getName()).addOutput(out.getName()),
                in, out).build().toByteArray();
    }

    /** A one-node model, opset 17. */
    static Onnx.ModelProto.Builder graph(Onnx.NodeProto.Builder node, Onnx.ValueInfoProto in, Onnx.ValueInfoProto out) {
        return Onnx.ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(Onnx.GraphProto.newBuilder().setName("g").addNode(node).addInput(in).addOutput(out));
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
        return graph(Onnx.NodeProto.newBuilder().setOpType("FancyStyle").addInput("image").addOutput("out"),
                tensor("image", 1, "N", 3, "H", "W"), tensor("out", 1, "N", 3, "H", "W")).build().toByteArray();
    }

    /** Nearest-neighbour upsampling by {@code s}: a super-resolution model of that scale. */
    public static byte[] upscaling(int s) {
        Onnx.TensorProto roi = Onnx.TensorProto.newBuilder().setName("roi")
                .setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE).addDims(0).build();
        Onnx.TensorProto scales = Onnx.TensorProto.newBuilder().setName("scales")
                .setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE).addDims(4)
                .addFloatData(1).addFloatData(1).addFloatData(s).addFloatData(s).build();
        Onnx.ModelProto.Builder m = graph(Onnx.NodeProto.newBuilder().setOpType("Resize").addInput("image")
                        .addInput("roi").addInput("scales").addOutput("out")
                        .addAttribute(Onnx.AttributeProto.newBuilder().setName("mode")
                                .setType(Onnx.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8("nearest"))),
                tensor("image", 1, "N", 3, "H", "W"), tensor("out", 1, "N", 3, "H2", "W2"));
        m.getGraphBuilder().addInitializer(roi).addInitializer(scales);
        return m.build().toByteArray();
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
