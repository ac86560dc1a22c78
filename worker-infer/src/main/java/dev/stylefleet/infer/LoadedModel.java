package dev.stylefleet.infer;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.stylefleet.schemas.ModelManifest;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * A registry model loaded into an ONNX Runtime session (CPU provider), checked against the model
 * interface every registry model follows:
 *
 * <pre>
 *   input  "image"  float32 NCHW [N,3,H,W], RGB in [0,255]
 *   output (any)    float32 NCHW [N,3,H*s,W*s] in [0,255], s = manifest.scale (1 for style models)
 * </pre>
 *
 * Every violation is a {@link ErrorCode#MODEL_INVALID} failure naming what was expected.
 */
public final class LoadedModel implements AutoCloseable {
    public static final String INPUT = "image";

    private final OrtEnvironment env;
    private final ModelManifest manifest;
    private final OrtSession session;
    private final String outputName;

    private LoadedModel(OrtEnvironment env, ModelManifest manifest, OrtSession session, String outputName) {
        this.env = env;
        this.manifest = manifest;
        this.session = session;
        this.outputName = outputName;
    }

    /** A float32 NCHW tensor's values and its shape. */
    public record Output(float[] values, long[] shape) {
        public int height() {
            return (int) shape[2];
        }

        public int width() {
            return (int) shape[3];
        }
    }

    /** Creates the session; {@code intraOpThreads} bounds the CPU threads one inference may use. */
    public static LoadedModel load(OrtEnvironment env, ModelManifest manifest, byte[] onnx, int intraOpThreads) {
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            // One request at a time per session: parallelism comes from intra-op threads, not the graph.
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(onnx, options);
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1 || !inputs.containsKey(INPUT)) {
                throw invalid(manifest, "must have exactly one input named '" + INPUT + "', has " + inputs.keySet());
            }
            checkFloat(manifest, "input '" + INPUT + "'", inputs.get(INPUT));
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            if (outputs.size() != 1) {
                throw invalid(manifest, "must have exactly one output, has " + outputs.keySet());
            }
            NodeInfo output = outputs.values().iterator().next();
            checkFloat(manifest, "output '" + output.getName() + "'", output);
            return new LoadedModel(env, manifest, session, output.getName());
        } catch (OrtException e) {
            closeQuietly(session);
            throw invalid(manifest, "cannot be loaded by ONNX Runtime: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** Runs one RGB image, [1,3,h,w] flattened; the output must be [1,3,h*s,w*s]. */
    public Output run(float[] nchw, int h, int w) {
        long[] inShape = {1, 3, h, w};
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw), inShape);
                OrtSession.Result result = session.run(Map.of(INPUT, input))) {
            OnnxValue value = result.get(outputName).orElseThrow(
                    () -> invalid(manifest, "produced no output '" + outputName + "'"));
            if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT) {
                throw invalid(manifest, "output '" + outputName + "' must be a float32 tensor, is " + value.getInfo());
            }
            long[] shape = tensor.getInfo().getShape();
            int s = manifest.scale();
            long[] expected = {1, 3, (long) h * s, (long) w * s};
            if (!Arrays.equals(shape, expected)) {
                throw invalid(manifest, "output shape must be " + Arrays.toString(expected) + " for input "
                        + Arrays.toString(inShape) + " at scale " + s + ", was " + Arrays.toString(shape));
            }
            FloatBuffer buffer = tensor.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return new Output(values, shape);
        } catch (OrtException e) {
            throw invalid(manifest, "failed to run on a " + w + "x" + h + " image: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void checkFloat(ModelManifest manifest, String what, NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
            throw invalid(manifest, what + " must be a float32 tensor, is " + info.getInfo());
        }
        long[] shape = t.getShape();
        // -1 is a dynamic dimension; a fixed channel count must be 3 (RGB). Rank 0 means the file
        // declares no shape: allowed, the shape is then checked on every run.
        if (shape.length != 0 && shape.length != 4 || (shape[1] != 3 && shape[1] != -1)) {
            throw invalid(manifest, what + " must be NCHW [N,3,H,W], is " + Arrays.toString(shape));
        }
    }

    private static JobFailure invalid(ModelManifest m, String why) {
        return invalid(m, why, null);
    }

    private static JobFailure invalid(ModelManifest m, String why, Throwable cause) {
        return new JobFailure(ErrorCode.MODEL_INVALID, "model " + m.modelId() + "/" + m.version() + " " + why, cause);
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // Releasing native memory cannot be retried; nothing more to do.
            }
        }
    }
}
