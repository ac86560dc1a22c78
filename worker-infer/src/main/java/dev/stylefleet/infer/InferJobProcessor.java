package dev.stylefleet.infer;

import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.storage.ModelRegistry;
import dev.stylefleet.schemas.storage.ObjectStore;
import dev.stylefleet.schemas.storage.StorageException;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One inference job from request to stored result, with no Kafka in sight: resolve the model, fetch
 * and decode the input, run the model, encode, store under {@link ObjectKeys#result} (derived from the
 * job id only, so a redelivered job overwrites its own result). Anything that ends the job FAILED is a
 * {@link JobFailure} with its code; other exceptions mean INTERNAL to the caller.
 */
public final class InferJobProcessor {
    private final ObjectStore store;
    private final ModelRegistry registry;
    private final ModelSessions sessions;
    private final long maxOutputPixels;

    public InferJobProcessor(ObjectStore store, ModelRegistry registry, ModelSessions sessions, long maxOutputPixels) {
        this.store = store;
        this.registry = registry;
        this.sessions = sessions;
        this.maxOutputPixels = maxOutputPixels;
    }

    /** What a successful job produced, for the SUCCEEDED event and the log line. */
    public record Outcome(JobEvent.Result result, ModelManifest model, int inputWidth, int inputHeight) {}

    public Outcome process(InferJobRequested job, JobStageListener listener) {
        // Fail on what the request itself gets wrong before fetching anything.
        String extension = ResultEncoder.extension(job.outputFormat());
        ModelManifest manifest = resolveModel(job);
        int scale = manifest.scale();

        byte[] input = store.find(Buckets.DATA, job.inputKey()).orElseThrow(() -> new JobFailure(ErrorCode.INTERNAL,
                "inputKey: object " + Buckets.DATA + "/" + job.inputKey() + " does not exist"));
        ImageDecoder.Size size = ImageDecoder.size(input);
        long outputPixels = size.pixels() * scale * scale;
        if (outputPixels > maxOutputPixels) {
            throw new JobFailure(ErrorCode.IMAGE_TOO_LARGE, "image: " + size.width() + "x" + size.height()
                    + " at scale " + scale + " (model " + job.model() + ") would be " + outputPixels
                    + " output pixels; at most " + maxOutputPixels + " allowed (stylefleet.infer.max-output-pixels)");
        }
        BufferedImage image = ImageDecoder.decode(input);

        LoadedModel model = sessions.get(manifest, () -> download(manifest));
        LoadedModel.Output out = model.run(ImageTensors.toNchw(image), image.getHeight(), image.getWidth());
        BufferedImage result = ImageTensors.toImage(out.values(), out.height(), out.width());
        ResultEncoder.Encoded encoded = ResultEncoder.encode(result, job.outputFormat(),
                job.options() == null ? null : job.options().quality());

        String key = ObjectKeys.result(job.jobId(), extension);
        store.put(Buckets.DATA, key, encoded.bytes(), encoded.contentType());
        listener.reached(job.jobId(), JobStageListener.Stage.RESULT_STORED);
        return new Outcome(new JobEvent.Result(key, encoded.contentType(), out.width(), out.height(), null),
                manifest, image.getWidth(), image.getHeight());
    }

    /** The latest version of the job's model, if it exists, fits the task and the tenant may use it. */
    private ModelManifest resolveModel(InferJobRequested job) {
        ModelManifest m = registry.latest(job.model()).orElse(null);
        if (m == null || !m.task().equals(job.task()) || !visibleTo(m, job.tenant())) {
            throw new JobFailure(ErrorCode.UNKNOWN_MODEL, "model: no " + job.task() + " model '" + job.model()
                    + "' in the registry; available: " + available(job));
        }
        return m;
    }

    private String available(InferJobRequested job) {
        try {
            List<String> ids = registry.all().stream()
                    .filter(m -> m.task().equals(job.task()) && visibleTo(m, job.tenant()))
                    .map(ModelManifest::modelId).sorted().collect(Collectors.toList());
            return ids.isEmpty() ? "none" : String.join(", ", ids);
        } catch (RuntimeException e) {
            // The list only decorates the message; the job fails UNKNOWN_MODEL either way.
            return "(registry listing failed: " + e.getMessage() + ")";
        }
    }

    /** Built-in models (no tenant) are everyone's; a trained or imported one only its tenant's. */
    private static boolean visibleTo(ModelManifest m, String tenant) {
        return m.tenant() == null || m.tenant().equals(tenant);
    }

    private byte[] download(ModelManifest manifest) {
        try {
            return registry.download(manifest);
        } catch (StorageException e) {
            throw e;
        } catch (IllegalStateException e) {
            // sha256 mismatch: the stored file is not the model the manifest describes.
            throw new JobFailure(ErrorCode.MODEL_INVALID, e.getMessage(), e);
        }
    }
}
