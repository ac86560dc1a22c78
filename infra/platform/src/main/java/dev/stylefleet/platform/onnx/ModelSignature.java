package dev.stylefleet.platform.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.Map;

/**
 * What a loaded model's session declares, checked against the interface every registry model follows:
 *
 * <pre>
 *   input  (any name, exactly one)  float32 NCHW [N,3,H,W], RGB in [0,255]
 *   output (any name, exactly one)  float32 NCHW [N,3,H·s,W·s] in [0,255]
 * </pre>
 *
 * The input name is whatever the file says: {@code torch.onnx.export} without {@code input_names}
 * calls it {@code input.1} (pytorch/examples fast-neural-style), stylefleet's own exports {@code image}.
 * N may be dynamic or fixed at 1; H and W both dynamic or both fixed (such a model is always run as
 * tiles of exactly that size); C fixed at 3 or dynamic. A file that declares no input shape at all
 * (rank 0) is allowed: its shapes are checked on every run instead.
 *
 * @param inputName  the name to feed the image by
 * @param outputName the name of the single output
 * @param fixedSize  [H, W] when the input declares both, else null (any size)
 * @param fixedBatch true when N is fixed at 1: such a model must not be given batches
 */
public record ModelSignature(String inputName, String outputName, int[] fixedSize, boolean fixedBatch) {

    /** Reads and checks the session's declared input and output; InvalidModelException naming the part. */
    public static ModelSignature read(OrtSession session) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1) {
            throw new InvalidModelException("input", "the model must have exactly one input (an RGB image, "
                    + "any name), it has " + inputs.size() + ": " + inputs.keySet());
        }
        NodeInfo input = inputs.values().iterator().next();
        long[] in = nchw("input", input);
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (outputs.size() != 1) {
            throw new InvalidModelException("output", "the model must have exactly one output, it has "
                    + outputs.size() + ": " + outputs.keySet());
        }
        NodeInfo output = outputs.values().iterator().next();
        nchw("output", output);
        int[] fixed = null;
        boolean fixedBatch = false;
        if (in.length == 4) {
            if (in[0] > 0 && in[0] != 1) {
                throw new InvalidModelException("input", "'" + input.getName() + "' fixes the batch dimension at "
                        + in[0] + "; allowed: 1 or dynamic (" + Arrays.toString(in) + ")");
            }
            fixedBatch = in[0] == 1;
            if ((in[2] > 0) != (in[3] > 0)) {
                throw new InvalidModelException("input", "'" + input.getName() + "' fixes only one of height and "
                        + "width " + Arrays.toString(in) + "; allowed: both fixed or both dynamic");
            }
            if (in[2] > 0) {
                fixed = new int[] {Math.toIntExact(in[2]), Math.toIntExact(in[3])};
            }
        }
        return new ModelSignature(input.getName(), output.getName(), fixed, fixedBatch);
    }

    /** The declared shape of a float32 [N,3,H,W] tensor (-1 where dynamic; empty when undeclared). */
    private static long[] nchw(String field, NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
            throw new InvalidModelException(field, "'" + info.getName() + "' must be a float32 tensor, is "
                    + info.getInfo());
        }
        long[] shape = t.getShape();
        if (shape.length != 0 && (shape.length != 4 || (shape[1] != 3 && shape[1] != -1))) {
            throw new InvalidModelException(field, "'" + info.getName() + "' must be NCHW [N,3,H,W] (RGB), is "
                    + Arrays.toString(shape));
        }
        return shape;
    }
}
