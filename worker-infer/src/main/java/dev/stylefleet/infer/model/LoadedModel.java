package dev.stylefleet.infer.model;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.platform.onnx.InvalidModelException;
import dev.stylefleet.platform.onnx.ModelSignature;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry model loaded into an ONNX Runtime session, checked against the model interface every
 * registry model follows ({@link ModelSignature}: one float32 NCHW RGB input of any name, one float32
 * output [N,3,H*s,W*s], s = manifest.scale, 1 for style models). The image is fed by the input's own
 * name ({@code image} for stylefleet's exports, {@code input.1} for pytorch/examples ones).
 *
 * Every violation is a {@link ErrorCode#MODEL_INVALID} failure naming what was expected.
 */
public final class LoadedModel implements AutoCloseable {
    private final OrtEnvironment env;
    private final ModelManifest manifest;
    private final OrtSession session;
    /** Input and output names, the fixed [H, W] if any, whether N is fixed at 1. */
    private final ModelSignature signature;
    private final long sizeBytes;
    private final String device;
    /** Holders: the cache, plus every job using the session; the last release closes it. */
    private final AtomicInteger refs = new AtomicInteger(1);

    private LoadedModel(OrtEnvironment env, ModelManifest manifest, OrtSession session, ModelSignature signature,
            long sizeBytes, String device) {
        this.env = env;
        this.manifest = manifest;
        this.session = session;
        this.signature = signature;
        this.sizeBytes = sizeBytes;
        this.device = device;
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

    /** Creates a CPU session; {@code intraOpThreads} bounds the CPU threads one inference may use. */
    public static LoadedModel load(OrtEnvironment env, ModelManifest manifest, byte[] onnx, int intraOpThreads) {
        return load(env, manifest, onnx, intraOpThreads, ExecutionDevice.CPU);
    }

    /** Creates the session on {@code device} (CUDA falls back to CPU, see {@link ExecutionDevice}). */
    public static LoadedModel load(OrtEnvironment env, ModelManifest manifest, byte[] onnx, int intraOpThreads,
            ExecutionDevice device) {
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            // One request at a time per session: parallelism comes from intra-op threads, not the graph.
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            String used = device.configure(options);
            session = env.createSession(onnx, options);
            return new LoadedModel(env, manifest, session, ModelSignature.read(session), onnx.length, used);
        } catch (InvalidModelException e) {
            closeQuietly(session);
            throw invalid(manifest, e.getMessage(), e);
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

    /** [H, W] when the model only takes that input size (the worker then always tiles), else null. */
    public int[] fixedSize() {
        return signature.fixedSize();
    }

    /** False when the file fixes the batch dimension at 1 (torch.onnx.export's default): never batch it. */
    public boolean batchable() {
        return !signature.fixedBatch();
    }

    /** The name the image is fed by. */
    public String inputName() {
        return signature.inputName();
    }

    /** Size of the model file: the cache's measure of what a session holds. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** The execution provider the session runs on: {@code cpu} or {@code cuda}. */
    public String device() {
        return device;
    }

    /** Runs one RGB image, [1,3,h,w] flattened; the output must be [1,3,h*s,w*s]. */
    public Output run(float[] nchw, int h, int w) {
        return run(nchw, 1, h, w);
    }

    /** This model as a {@link ModelRunner}: single images, straight to the session. */
    public ModelRunner runner() {
        return (nchw, h, w) -> run(nchw, 1, h, w).values();
    }

    /** Runs a batch of n RGB images, [n,3,h,w] flattened; the output must be [n,3,h*s,w*s]. */
    public Output run(float[] nchw, int n, int h, int w) {
        long[] inShape = {n, 3, h, w};
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw), inShape);
                OrtSession.Result result = session.run(Map.of(signature.inputName(), input))) {
            String outputName = signature.outputName();
            OnnxValue value = result.get(outputName).orElseThrow(
                    () -> invalid(manifest, "produced no output '" + outputName + "'"));
            if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT) {
                throw invalid(manifest, "output '" + outputName + "' must be a float32 tensor, is " + value.getInfo());
            }
            long[] shape = tensor.getInfo().getShape();
            int s = manifest.scale();
            long[] expected = {n, 3, (long) h * s, (long) w * s};
            if (!Arrays.equals(shape, expected)) {
                throw invalid(manifest, "output shape must be " + Arrays.toString(expected) + " for input "
                        + Arrays.toString(inShape) + " at scale " + s + ", was " + Arrays.toString(shape));
            }
            FloatBuffer buffer = tensor.getFloatBuffer();
            float[] values;
            if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                    && buffer.array().length == buffer.remaining()) {
                // getFloatBuffer already copied the native output to a fresh heap array: use it.
                values = buffer.array();
            } else {
                values = new float[buffer.remaining()];
                buffer.get(values);
            }
            return new Output(values, shape);
        } catch (OrtException e) {
            throw invalid(manifest, "failed to run on a " + w + "x" + h + " image: " + e.getMessage(), e);
        }
    }

    /** Another holder; false when the session is already closed (then do not use it). */
    boolean retain() {
        while (true) {
            int r = refs.get();
            if (r <= 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    /** One holder less; the session closes when none is left. */
    public void release() {
        if (refs.decrementAndGet() == 0) {
            closeQuietly(session);
        }
    }

    /** Drops the creator's hold (the cache's); see {@link #release()}. */
    @Override
    public void close() {
        release();
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
