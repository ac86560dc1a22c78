package dev.stylefleet.gateway.api;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.stylefleet.schemas.onnx.Onnx;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The gateway's check of an imported ONNX file against the registry's model interface: one input
 * named {@code image}, float32, shape [N,3,H,W] (N, H, W fixed or symbolic; C 3 or symbolic), one
 * float32 output of rank 4 with 3 channels, at least one node and an opset. Structural only: the
 * gateway parses the protobuf and runs nothing. The inference worker additionally loads the model in
 * ONNX Runtime and probes it (its ModelValidator) before use, failing such jobs with MODEL_INVALID.
 */
final class ModelImportCheck {
    /** TensorProto.DataType FLOAT. */
    static final int FLOAT = 1;

    private ModelImportCheck() {}

    /** Null when the model fits the interface, else what is wrong (prefixed by the part concerned). */
    static String problem(byte[] bytes) {
        Onnx.ModelProto model;
        try {
            model = Onnx.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return "file: not an ONNX model (" + e.getMessage() + ")";
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            return "file: the ONNX model has no graph nodes";
        }
        if (model.getOpsetImportCount() == 0) {
            return "file: the ONNX model declares no opset (opset_import)";
        }
        Onnx.GraphProto g = model.getGraph();
        Set<String> initializers = new HashSet<>();
        g.getInitializerList().forEach(t -> initializers.add(t.getName()));
        List<Onnx.ValueInfoProto> inputs = g.getInputList().stream()
                .filter(i -> !initializers.contains(i.getName())).toList();
        if (inputs.size() != 1) {
            return "input: the model must have exactly one input (named image), it has " + inputs.size();
        }
        String in = tensor("input", inputs.get(0));
        if (in != null) {
            return in;
        }
        if (!inputs.get(0).getName().equals("image")) {
            return "input: the input must be named 'image', it is named '" + inputs.get(0).getName() + "'";
        }
        if (g.getOutputCount() != 1) {
            return "output: the model must have exactly one output, it has " + g.getOutputCount();
        }
        return tensor("output", g.getOutput(0));
    }

    private static String tensor(String what, Onnx.ValueInfoProto v) {
        if (!v.hasType() || !v.getType().hasTensorType()) {
            return what + ": '" + v.getName() + "' is not a tensor";
        }
        Onnx.TypeProto.Tensor t = v.getType().getTensorType();
        if (t.getElemType() != FLOAT) {
            return what + ": '" + v.getName() + "' has element type " + t.getElemType() + "; allowed: float32 (1)";
        }
        if (t.hasShape()) {
            List<Onnx.TensorShapeProto.Dimension> dims = t.getShape().getDimList();
            if (dims.size() != 4) {
                return what + ": '" + v.getName() + "' has rank " + dims.size() + "; allowed: 4 ([N,3,H,W], NCHW)";
            }
            if (dims.get(1).hasDimValue() && dims.get(1).getDimValue() != 3) {
                return what + ": '" + v.getName() + "' has " + dims.get(1).getDimValue()
                        + " channels; allowed: 3 (RGB, NCHW)";
            }
        }
        return null;
    }
}
