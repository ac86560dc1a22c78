package dev.stylefleet.infer.pipeline;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;
import dev.stylefleet.infer.imaging.ResultEncoder;
import dev.stylefleet.infer.model.CpuFeatures;
import dev.stylefleet.infer.model.LoadedModel;
import dev.stylefleet.infer.model.ModelSessions;
import dev.stylefleet.infer.model.PrecisionChoice;

import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.platform.storage.LatestModelCache;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.platform.storage.StorageException;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private final LatestModelCache models;
    private final ModelSessions sessions;
    private final InferenceSettings settings;
    private final InferencePipeline pipeline;
    private final CpuFeatures cpu;
    /** Model (id/version@sha256) + decision pairs already logged: one line per model, not per job. */
    private final Set<String> loggedChoices = ConcurrentHashMap.newKeySet();
    private static final System.Logger LOG = System.getLogger(InferJobProcessor.class.getName());

    public InferJobProcessor(ObjectStore store, ModelRegistry registry, ModelSessions sessions, long maxOutputPixels) {
        this(store, registry, sessions, maxOutputPixels, InferenceSettings.defaults().withBatching(
                java.time.Duration.ZERO, 1), InferMetrics.NONE, java.time.Duration.ZERO);
    }

    public InferJobProcessor(ObjectStore store, ModelRegistry registry, ModelSessions sessions, long maxOutputPixels,
            InferenceSettings settings, InferMetrics metrics, java.time.Duration modelLookupTtl) {
        this(store, registry, sessions, maxOutputPixels, settings, metrics, modelLookupTtl, CpuFeatures.read());
    }

    /** As above, deciding {@code precision=auto} by {@code cpu}'s flags ({@link PrecisionChoice}). */
    public InferJobProcessor(ObjectStore store, ModelRegistry registry, ModelSessions sessions, long maxOutputPixels,
            InferenceSettings settings, InferMetrics metrics, java.time.Duration modelLookupTtl, CpuFeatures cpu) {
        this.cpu = cpu;
        this.store = store;
        this.registry = registry;
        this.models = new LatestModelCache(registry, modelLookupTtl);
        this.sessions = sessions;
        this.settings = settings;
        this.pipeline = new InferencePipeline(settings, maxOutputPixels, metrics);
    }

    /** What a successful job produced, for the SUCCEEDED event and the log line. */
    public record Outcome(JobEvent.Result result, ModelManifest model, int inputWidth, int inputHeight) {}

    public Outcome process(InferJobRequested job) {
        return process(job, CancelCheck.NONE);
    }

    /**
     * As above, asking {@code cancel} before the input is fetched, before every model run (between
     * tiles) and before the result is stored: a cancelled job ends with {@link JobCancelled} having
     * written nothing.
     */
    public Outcome process(InferJobRequested job, CancelCheck cancel) {
        // Fail on what the request itself gets wrong before fetching anything.
        String extension = ResultEncoder.extension(job.outputFormat());
        InferOptions options = job.options() == null ? InferOptions.defaults() : job.options();
        boolean stylize = InferJobRequested.TASK_STYLIZE.equals(job.task());
        InferencePipeline.checkOptions(options, stylize);
        long t0 = System.nanoTime();
        cancel.check();
        ModelManifest manifest = resolveModel(job);
        PrecisionChoice precision = PrecisionChoice.decide(options.precision(), manifest, cpu);
        logOnce(manifest, precision);
        byte[] input = input(job);
        LoadedModel model = sessions.get(precision.sessionManifest(manifest), () -> download(manifest, precision));
        long t1 = System.nanoTime();
        InferencePipeline.Rendered rendered;
        try {
            rendered = pipeline.run(input, model, stylize, options, job.outputFormat(), cancel);
        } finally {
            model.release();
        }
        long t2 = System.nanoTime();
        ResultEncoder.Encoded encoded = rendered.encoded();
        String key = ObjectKeys.result(job.jobId(), extension);
        cancel.check();
        store.put(Buckets.DATA, key, encoded.bytes(), encoded.contentType());
        long t3 = System.nanoTime();
        JobEvent.Timings timings = new JobEvent.Timings(millis(t1 - t0), millis(t2 - t1), millis(t3 - t2),
                millis(rendered.decodeNanos()), millis(rendered.inferNanos()), millis(rendered.encodeNanos()));
        return new Outcome(new JobEvent.Result(key, encoded.contentType(), rendered.width(), rendered.height(), null,
                timings, precision.toEvent()), manifest, rendered.inputWidth(), rendered.inputHeight());
    }

    /** The precision decision, logged the first time it is made for a model file. */
    private void logOnce(ModelManifest manifest, PrecisionChoice precision) {
        String key = manifest.modelId() + "/" + manifest.version() + "@" + manifest.sha256() + " " + precision.used()
                + " " + precision.reason();
        if (loggedChoices.add(key)) {
            LOG.log(System.Logger.Level.INFO, "model " + manifest.modelId() + "/" + manifest.version() + " runs "
                    + precision.used() + " (" + precision.reason() + "; CPU " + cpu.model() + ")");
        }
    }

    /**
     * Warms a model before the worker takes jobs: looks it up as a job does, creates its session (which
     * stays in the session cache) and runs one generated {@code size} x {@code size} PNG through the
     * whole pipeline (decode, tensors, model, encode), so that neither the session nor the Java code on
     * the job's path is cold for the first job. The size matters: ONNX Runtime's first run at a larger
     * input than any before grows the session's memory arena, which costs about as much again as the
     * run (measured: after a 64 x 64 warm-up the first 512 x 512 run took 2.5x the next ones, after a
     * 256 x 256 one 1.4x); a warm-up at the size of a tile or more covers the jobs up to it. Returns the milliseconds it took. A model that fails here fails the same way
     * for a job; the caller decides whether that stops the start.
     */
    /** Pipeline runs per warmed model. */
    static final int WARM_RUNS = 2;

    public double warm(ModelManifest manifest, int size) {
        long t0 = System.nanoTime();
        models.latest(manifest.modelId()); // the registry lookup a job starts with (object-store client code)
        // The variant a job with the default precision (auto) runs on this CPU.
        PrecisionChoice precision = PrecisionChoice.decide(null, manifest, cpu);
        LoadedModel model = sessions.get(precision.sessionManifest(manifest), () -> download(manifest, precision));
        try {
            boolean stylize = InferJobRequested.TASK_STYLIZE.equals(manifest.task());
            // Twice: after one run the next still took ~1.6x a warm run (WarmStartBenchmark, docs/benchmarks.md).
            for (int i = 0; i < WARM_RUNS; i++) {
                pipeline.run(WarmImage.png(size), model, stylize, InferOptions.defaults(), "png");
            }
        } finally {
            model.release();
        }
        return millis(System.nanoTime() - t0);
    }

    /** Milliseconds with 0.01 ms resolution: enough for the overhead benchmark, short in JSON. */
    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    /** The input: inline in the request (small images), or the object its key names. */
    private byte[] input(InferJobRequested job) {
        if (job.inputBytes() != null) {
            settings.limits().checkBytes(job.inputBytes().length);
            return job.inputBytes();
        }
        return fetchInput(job.inputKey());
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
        ModelManifest m = models.latest(job.model()).orElse(null);
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

    private byte[] download(ModelManifest manifest, PrecisionChoice precision) {
        try {
            return precision.int8() ? registry.downloadInt8(manifest) : registry.download(manifest);
        } catch (StorageException e) {
            throw e;
        } catch (IllegalStateException e) {
            // sha256 mismatch: the stored file is not the model the manifest describes.
            throw new JobFailure(ErrorCode.MODEL_INVALID, e.getMessage(), e);
        }
    }
}
