package dev.stylefleet.infer;

import ai.onnxruntime.OrtEnvironment;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.storage.ModelRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Decides whether an ONNX file may enter the registry as a model for a task and scale (model import,
 * issue 7 section 2). Plain Java, no Quarkus: the gateway's {@code POST /v1/models} calls
 * {@link #validate} before storing, and the worker relies on the same checks when it loads a model.
 *
 * <p>A model is accepted when ONNX Runtime (CPU) loads it, it has exactly one input, named
 * {@code image}, float32 [N,3,H,W] (each of N, H, W dynamic or fixed; C fixed 3 or dynamic), exactly one
 * float32 output, and a probe run on a mid-grey image gives [1,3,H*s,W*s] with finite values, where s
 * is 1 for {@code stylize} and the declared scale (2, 3, 4 or 8) for {@code super-resolve}. The probe is
 * 64 x 64 for dynamic inputs (a multiple of 4, as style nets with two stride-2 layers need), or the
 * fixed size. Every refusal is a {@link JobFailure} with {@link ErrorCode#MODEL_INVALID} and a
 * message naming the field and what is allowed.
 */
public final class ModelValidator {
    /** Super-resolution factors a model may declare. */
    public static final List<Integer> SR_SCALES = List.of(2, 3, 4, 8);
    /** Side of the probe image for dynamic inputs. */
    public static final int PROBE_SIDE = 64;
    private static final float PROBE_LEVEL = 127.5f;

    private ModelValidator() {}

    /** What the probe found. */
    public record Report(int probeHeight, int probeWidth, long[] outputShape, int[] fixedSize) {
        @Override
        public String toString() {
            return "probe " + probeWidth + "x" + probeHeight + " -> " + Arrays.toString(outputShape)
                    + (fixedSize == null ? " (dynamic size)" : " (fixed input " + fixedSize[1] + "x" + fixedSize[0] + ")");
        }
    }

    /**
     * Checks {@code onnx} as a {@code task} model with output/input size ratio {@code scale}.
     *
     * @throws JobFailure MODEL_INVALID naming what is wrong
     */
    public static Report validate(byte[] onnx, String task, int scale) {
        if (InferJobRequested.TASK_STYLIZE.equals(task)) {
            if (scale != 1) {
                throw invalid("scale: a stylize model keeps the image size, so scale must be 1, was " + scale);
            }
        } else if (InferJobRequested.TASK_SUPER_RESOLVE.equals(task)) {
            if (!SR_SCALES.contains(scale)) {
                throw invalid("scale: a super-resolve model's scale must be one of " + SR_SCALES + ", was " + scale);
            }
        } else {
            throw invalid("task: must be stylize or super-resolve, was '" + task + "'");
        }
        if (onnx == null || onnx.length == 0) {
            throw invalid("file: empty; expected an ONNX model");
        }
        ModelManifest manifest = new ModelManifest(Messages.SCHEMA_VERSION, "import-candidate", "0", task, scale,
                "imported", ModelRegistry.sha256(onnx), onnx.length, Instant.now(), null, null, Map.of());
        try (LoadedModel model = LoadedModel.load(OrtEnvironment.getEnvironment(), manifest, onnx, 1)) {
            int[] fixed = model.fixedSize();
            int h = fixed == null ? PROBE_SIDE : fixed[0];
            int w = fixed == null ? PROBE_SIDE : fixed[1];
            float[] probe = new float[3 * h * w];
            Arrays.fill(probe, PROBE_LEVEL);
            // run() checks the output's shape against [1,3,h*s,w*s] and names both on a mismatch.
            LoadedModel.Output out = model.run(probe, h, w);
            for (float v : out.values()) {
                if (!Float.isFinite(v)) {
                    throw invalid("output: the probe run produced " + v + "; values must be finite (in [0,255])");
                }
            }
            return new Report(h, w, out.shape(), fixed);
        }
    }

    private static JobFailure invalid(String why) {
        return new JobFailure(ErrorCode.MODEL_INVALID, "model " + why);
    }
}
