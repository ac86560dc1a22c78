package dev.stylefleet.infer.messaging;

import dev.stylefleet.infer.model.ModelSessions;
import dev.stylefleet.infer.pipeline.InferJobProcessor;
import dev.stylefleet.infer.pipeline.InferMetrics;
import dev.stylefleet.infer.pipeline.InferenceSettings;
import dev.stylefleet.runtime.JobStageListener;
import dev.stylefleet.runtime.Worker;
import dev.stylefleet.runtime.WorkerRuntime;

import ai.onnxruntime.OrtEnvironment;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The inference worker: consumes {@link Topics#INFER_JOBS}, runs each job, reports it on
 * {@link Topics#JOB_EVENTS}. The consumer lifecycle (fetching for {@code concurrency} slots, commits,
 * cancels, dead letters, events, stop with a grace) is the shared {@link WorkerRuntime}'s
 * (docs/worker-runtime.md); this class adds the model sessions, their warm-up, and the job logic
 * ({@link InferJobHandler}). Jobs run {@code concurrency} at once so that they can meet in the
 * micro-batcher.
 */
public final class InferWorker implements Worker {
    private static final System.Logger LOG = System.getLogger(InferWorker.class.getName());

    /** Name written into dead letters as the consumer that refused the message. */
    static final String CONSUMER_NAME = "worker-infer";

    private final InferWorkerConfig config;
    private final InferJobProcessor processor;
    private final ModelSessions sessions;
    private final WorkerRuntime<InferJobRequested> runtime;

    public InferWorker(InferWorkerConfig config, ObjectStore store, ModelRegistry registry) {
        this(config, store, registry, JobStageListener.NONE);
    }

    public InferWorker(InferWorkerConfig config, ObjectStore store, ModelRegistry registry,
            JobStageListener listener) {
        this(config, store, registry, listener, InferMetrics.NONE);
    }

    public InferWorker(InferWorkerConfig config, ObjectStore store, ModelRegistry registry,
            JobStageListener listener, InferMetrics metrics) {
        this.config = config;
        InferWorkerConfig.Infer infer = config.infer();
        validate(infer);
        InferenceSettings inference = config.inference();
        this.sessions = new ModelSessions(OrtEnvironment.getEnvironment(), config.threads(),
                inference.device(), inference.modelCacheBytes(), infer.modelCacheSize(), metrics);
        this.processor = new InferJobProcessor(store, registry, sessions, infer.maxOutputPixels(), inference,
                metrics, infer.modelLookupTtl());
        this.runtime = new WorkerRuntime<>(config.runtime(), new InferJobHandler(processor, sessions, metrics,
                config.storageRetry()),
                listener);
    }

    /** How warming one model went: its time, or why it failed. */
    public record Warmed(ModelManifest model, double millis, String error) {}

    /**
     * Loads each model's session and runs one {@code size} x {@code size} image through it (see
     * {@link InferJobProcessor#warm}), on the calling thread: call it before {@link #start()}, so the
     * first jobs find the sessions ready. A model that fails is logged and skipped (its jobs will fail
     * with the same code); the others are still warmed. Only as many models as the session cache holds
     * are warmed, the first ones given.
     */
    public List<Warmed> warm(List<ModelManifest> models, int size) {
        List<Warmed> out = new java.util.ArrayList<>();
        for (ModelManifest m : models) {
            if (out.size() >= config.infer().modelCacheSize()) {
                LOG.log(Level.WARNING, "infer worker {0}: not warming {1} and later models: the session cache "
                        + "holds {2} (stylefleet.infer.model-cache-size)", workerId(), m.modelId(),
                        config.infer().modelCacheSize());
                break;
            }
            try {
                double ms = processor.warm(m, size);
                out.add(new Warmed(m, ms, null));
                LOG.log(Level.INFO, "infer worker {0}: warmed {1}/{2} in {3} ms", workerId(), m.modelId(),
                        m.version(), ms);
            } catch (RuntimeException e) {
                out.add(new Warmed(m, Double.NaN, e.getMessage()));
                LOG.log(Level.ERROR, "infer worker " + workerId() + ": warming " + m.modelId() + "/"
                        + m.version() + " failed; its jobs will fail the same way", e);
            }
        }
        return out;
    }

    /** Bounds the mapping cannot express; each message names its key. */
    private static void validate(InferWorkerConfig.Infer i) {
        if (i.modelLookupTtl().isNegative()) {
            throw new IllegalArgumentException("stylefleet.infer.model-lookup-ttl must be >= 0, was " + i.modelLookupTtl());
        }
        if (i.modelCacheSize() < 1) {
            throw new IllegalArgumentException("stylefleet.infer.model-cache-size must be >= 1, was " + i.modelCacheSize());
        }
        if (i.maxOutputPixels() < 1) {
            throw new IllegalArgumentException("stylefleet.infer.max-output-pixels must be >= 1, was " + i.maxOutputPixels());
        }
    }

    @Override
    public WorkerRuntime<?> runtime() {
        return runtime;
    }

    /** Starts the consumer loop on the runtime's own thread. */
    public InferWorker start() {
        runtime.start();
        return this;
    }

}
