package dev.stylefleet.infer;

import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.storage.ModelRegistry;
import dev.stylefleet.schemas.storage.ObjectStore;
import dev.stylefleet.schemas.storage.StorageException;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One inference job from request to stored result, with no Kafka in sight: resolve the model, check
 * the input's size in bytes, probe its header against the limits, decode, apply {@code maxSide}, run
 * the model (tiled above the pixel budget, through the micro-batcher), apply the other options, keep
 * the input's alpha, encode and store under {@link ObjectKeys#result} (derived from the job id only,
 * so a redelivered job overwrites its own result). Anything that ends the job FAILED is a
 * {@link JobFailure} with its code; other exceptions mean INTERNAL to the caller. Thread-safe: the
 * worker runs several jobs at once.
 */
public final class InferJobProcessor {
    private final ObjectStore store;
    private final ModelRegistry registry;
    private final ModelSessions sessions;
    private final long maxOutputPixels;
    private final InferenceSettings settings;
    private final MicroBatcher batcher;

    public InferJobProcessor(ObjectStore store, ModelRegistry registry, ModelSessions sessions, long maxOutputPixels) {
        this(store, registry, sessions, maxOutputPixels, InferenceSettings.defaults().withBatching(
                java.time.Duration.ZERO, 1), InferMetrics.NONE);
    }

    public InferJobProcessor(ObjectStore store, ModelRegistry registry, ModelSessions sessions, long maxOutputPixels,
            InferenceSettings settings, InferMetrics metrics) {
        this.store = store;
        this.registry = registry;
        this.sessions = sessions;
        this.maxOutputPixels = maxOutputPixels;
        this.settings = settings;
        this.batcher = new MicroBatcher(settings.batchWindow(), settings.maxBatch(), metrics);
    }

    /** What a successful job produced, for the SUCCEEDED event and the log line. */
    public record Outcome(JobEvent.Result result, ModelManifest model, int inputWidth, int inputHeight) {}

    public Outcome process(InferJobRequested job, JobStageListener listener) {
        // Fail on what the request itself gets wrong before fetching anything.
        String extension = ResultEncoder.extension(job.outputFormat());
        InferOptions options = job.options() == null ? InferOptions.defaults() : job.options();
        boolean stylize = InferJobRequested.TASK_STYLIZE.equals(job.task());
        if (stylize && Boolean.TRUE.equals(options.histogramMatch())) {
            throw new JobFailure(ErrorCode.INVALID_OPTIONS, "options.histogramMatch applies to super-resolve jobs "
                    + "only (the paper's super-resolution post-processing); omit it or set it false for stylize");
        }
        ModelManifest manifest = resolveModel(job);
        int scale = manifest.scale();

        byte[] input = fetchInput(job.inputKey());
        ImageDecoder.Header header = ImageDecoder.probe(input, settings.limits());
        ImageDecoder.Size upright = header.upright();
        int[] target = fitted(upright.width(), upright.height(), options.maxSide());
        long outputPixels = (long) target[0] * target[1] * scale * scale;
        if (outputPixels > maxOutputPixels) {
            throw new JobFailure(ErrorCode.IMAGE_TOO_LARGE, "image: " + target[0] + "x" + target[1]
                    + " at scale " + scale + " (model " + job.model() + ") would be " + outputPixels
                    + " output pixels; at most " + maxOutputPixels + " allowed (stylefleet.infer.max-output-pixels)"
                    + "; options.maxSide can shrink the input first");
        }
        BufferedImage decoded = ImageDecoder.decode(input, header);
        input = null; // the encoded bytes are not needed past this point; let a large upload go
        BufferedImage image = options.maxSide() == null ? decoded
                : ImageAdjustments.downscale(decoded, options.maxSide());
        decoded = null;

        BufferedImage result;
        LoadedModel model = sessions.get(manifest, () -> download(manifest));
        try {
            result = settings.tiling(stylize).run(batcher.runner(model), new PixelSource(image), scale);
        } finally {
            model.release();
        }
        result = applyOptions(result, image, options);
        if (image.getColorModel().hasAlpha()) {
            result = ImageAdjustments.withAlpha(result, image);
        }
        ResultEncoder.Encoded encoded = ResultEncoder.encode(result, job.outputFormat(), options.quality());

        String key = ObjectKeys.result(job.jobId(), extension);
        store.put(Buckets.DATA, key, encoded.bytes(), encoded.contentType());
        listener.reached(job.jobId(), JobStageListener.Stage.RESULT_STORED);
        return new Outcome(new JobEvent.Result(key, encoded.contentType(), result.getWidth(), result.getHeight(), null),
                manifest, upright.width(), upright.height());
    }

    /** histogramMatch, then preserveColor, then strength: each sees the previous one's result. */
    static BufferedImage applyOptions(BufferedImage out, BufferedImage input, InferOptions options) {
        boolean match = Boolean.TRUE.equals(options.histogramMatch());
        boolean color = Boolean.TRUE.equals(options.preserveColor());
        double strength = options.strength() == null ? 1.0 : options.strength();
        if (match) {
            ImageAdjustments.histogramMatch(out, input);
        }
        if (color || strength < 1.0) {
            BufferedImage ref = ImageAdjustments.resize(ImageAdjustments.toIntImage(input), out.getWidth(),
                    out.getHeight());
            if (color) {
                ImageAdjustments.preserveColor(out, ref);
            }
            if (strength < 1.0) {
                ImageAdjustments.blend(out, ref, strength);
            }
        }
        return out;
    }

    /** The size after {@code maxSide} (same rounding as {@link ImageAdjustments#downscale}). */
    static int[] fitted(int w, int h, Integer maxSide) {
        if (maxSide == null || Math.max(w, h) <= maxSide) {
            return new int[] {w, h};
        }
        double f = (double) maxSide / Math.max(w, h);
        return new int[] {Math.max(1, (int) Math.round(w * f)), Math.max(1, (int) Math.round(h * f))};
    }

    /** The input object, refused by its stored size before a byte of it is downloaded if too large. */
    private byte[] fetchInput(String key) {
        long size;
        try {
            size = store.client().statObject(StatObjectArgs.builder().bucket(Buckets.DATA).object(key).build()).size();
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                throw missing(key);
            }
            throw new StorageException("stat " + Buckets.DATA + "/" + key, e);
        } catch (Exception e) {
            throw new StorageException("stat " + Buckets.DATA + "/" + key, e);
        }
        settings.limits().checkBytes(size);
        byte[] bytes = store.find(Buckets.DATA, key).orElseThrow(() -> missing(key));
        settings.limits().checkBytes(bytes.length); // it may have been replaced since the stat
        return bytes;
    }

    private static JobFailure missing(String key) {
        return new JobFailure(ErrorCode.INTERNAL, "inputKey: object " + Buckets.DATA + "/" + key + " does not exist");
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
