package dev.stylefleet.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.schemas.onnx.Onnx;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The structural check of imported ONNX files, on models built in code. */
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

    /** An identity model image -> out with the given input and output. */
    static byte[] model(Onnx.ValueInfoProto in, Onnx.ValueInfoProto out) {
        return Onnx.ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(Onnx.GraphProto.newBuilder().setName("g")
                        .addNode(Onnx.NodeProto.newBuilder().setOpType("Identity").addInput(in.getName()).addOutput(out.getName()))
                        .addInput(in).addOutput(out))
                .build().toByteArray();
    }

    public static byte[] valid() {
        return model(tensor("image", 1, "N", 3, "H", "W"), tensor("out", 1, "N", 3, "H", "W"));
    }

    @Test
    void acceptsTheModelInterface() {
        assertThat(ModelImportCheck.problem(valid())).isNull();
    }

    @Test
    void namesWhatIsWrong() {
        assertThat(ModelImportCheck.problem("not onnx at all".getBytes(StandardCharsets.UTF_8))).startsWith("file:");
        assertThat(ModelImportCheck.problem(model(tensor("input", 1, "N", 3, "H", "W"), tensor("out", 1, "N", 3, "H", "W"))))
                .startsWith("input:").contains("'image'");
        assertThat(ModelImportCheck.problem(model(tensor("image", 7, "N", 3, "H", "W"), tensor("out", 1, "N", 3, "H", "W"))))
                .startsWith("input:").contains("float32");
        assertThat(ModelImportCheck.problem(model(tensor("image", 1, "N", 3, "H"), tensor("out", 1, "N", 3, "H", "W"))))
                .startsWith("input:").contains("rank 3");
        assertThat(ModelImportCheck.problem(model(tensor("image", 1, "N", 3, "H", "W"), tensor("out", 1, "N", 1, "H", "W"))))
                .startsWith("output:").contains("channels");
    }
}
