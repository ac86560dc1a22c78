package dev.stylefleet.infer.model;

import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.platform.onnx.Onnx.GraphProto;
import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import dev.stylefleet.platform.onnx.Onnx.NodeProto;
import dev.stylefleet.platform.onnx.Onnx.OperatorSetIdProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.platform.onnx.Onnx.TensorShapeProto;
import dev.stylefleet.platform.onnx.Onnx.TypeProto;
import dev.stylefleet.platform.onnx.Onnx.ValueInfoProto;
import dev.stylefleet.platform.storage.ModelRegistry;
import java.time.Instant;
import java.util.Map;

/** Minimal ONNX models built in code, to exercise the model-interface checks. */
public final class TinyModels {
    private TinyModels() {}

    /** Identity [N,3,H,W] -> [N,3,H,W] whose input is called {@code inputName}. */
    public static byte[] identity(String inputName) {
        NodeProto node = NodeProto.newBuilder().setOpType("Identity").addInput(inputName).addOutput("out").build();
        GraphProto graph = GraphProto.newBuilder().setName("identity").addNode(node)
                .addInput(nchw(inputName)).addOutput(nchw("out")).build();
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(18))
                .setGraph(graph).build().toByteArray();
    }

    /** Identity whose input "image" is fixed at [1,3,h,w]. */
    public static byte[] fixedIdentity(int h, int w) {
        NodeProto node = NodeProto.newBuilder().setOpType("Identity").addInput("image").addOutput("out").build();
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(3))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(h))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(w));
        ValueInfoProto in = ValueInfoProto.newBuilder().setName("image").setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape))).build();
        GraphProto graph = GraphProto.newBuilder().setName("fixed").addNode(node).addInput(in)
                .addOutput(nchw("out")).build();
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(18))
                .setGraph(graph).build().toByteArray();
    }

    public static ModelManifest manifest(String id, String version, int scale, byte[] onnx) {
        return new ModelManifest(Messages.SCHEMA_VERSION, id, version, "super-resolve", scale, "test",
                ModelRegistry.sha256(onnx), onnx.length, Instant.now(), null, null, Map.of());
    }

    private static ValueInfoProto nchw(String name) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(3))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("H"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("W"));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)))
                .build();
    }
}
