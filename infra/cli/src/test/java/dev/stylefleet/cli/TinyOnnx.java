package dev.stylefleet.cli;

import dev.stylefleet.platform.onnx.Onnx.GraphProto;
import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import dev.stylefleet.platform.onnx.Onnx.NodeProto;
import dev.stylefleet.platform.onnx.Onnx.OperatorSetIdProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.platform.onnx.Onnx.TensorShapeProto;
import dev.stylefleet.platform.onnx.Onnx.TypeProto;
import dev.stylefleet.platform.onnx.Onnx.ValueInfoProto;

/** ONNX models built in code for the end-to-end tests: small, exact, and following the model interface. */
final class TinyOnnx {
    private TinyOnnx() {}

    /**
     * A "style" whose output is the photographic negative, {@code 255 - image}: input {@code image} float32
     * [N,3,H,W] in [0,255], output the same shape and range (scale 1), so a test can predict every pixel.
     */
    static byte[] negative() {
        TensorProto c255 = TensorProto.newBuilder().setName("c255").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addFloatData(255f).build();
        NodeProto sub = NodeProto.newBuilder().setOpType("Sub").addInput("c255").addInput("image").addOutput("out").build();
        GraphProto graph = GraphProto.newBuilder().setName("negative").addNode(sub).addInitializer(c255)
                .addInput(nchw("image")).addOutput(nchw("out")).build();
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(18))
                .setGraph(graph).build().toByteArray();
    }

    private static ValueInfoProto nchw(String name) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(3))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("H"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("W"));
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }
}
