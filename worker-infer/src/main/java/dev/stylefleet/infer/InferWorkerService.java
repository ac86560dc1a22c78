package dev.stylefleet.infer;

import dev.stylefleet.infer.builtin.BuiltinAssets;
import dev.stylefleet.infer.builtin.BuiltinModels;
import dev.stylefleet.infer.builtin.WarmPolicy;
import dev.stylefleet.infer.messaging.InferWorker;
import dev.stylefleet.infer.messaging.InferWorkerConfig;
import dev.stylefleet.infer.pipeline.InferMetrics;

import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The Quarkus service around {@link InferWorker}: at start it makes sure the buckets and the built-in
 * models exist ({@link BuiltinModels}, read from {@code stylefleet.infer.builtin-root}), warms the
 * sessions {@code stylefleet.infer.warm} selects ({@link WarmPolicy}), then runs the worker on its own
 * thread; readiness waits for all of that; at shutdown it lets the job in hand finish
 * (up to {@code stylefleet.infer.shutdown-timeout}) and leaves the consumer group.
 */
@ApplicationScoped
public class InferWorkerService {
    private static final Logger LOG = Logger.getLogger(InferWorkerService.class);

    private final InferWorkerConfig config;
    private final MeterRegistry meters;
    private volatile InferWorker worker;

    public InferWorkerService(InferWorkerConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    void onStart(@Observes StartupEvent event) {
        ObjectStore store = new ObjectStore(config.s3().endpoint(), config.s3().accessKey(), config.s3().secretKey());
        Buckets.ALL.forEach(store::ensureBucket);
        ModelRegistry registry = new ModelRegistry(store);
        WarmPolicy warm = WarmPolicy.parse(config.infer().warm());
        if (config.infer().warmSize() < 1) {
            throw new IllegalArgumentException("stylefleet.infer.warm-size must be >= 1, was " + config.infer().warmSize());
        }
        BuiltinAssets assets = BuiltinAssets.at(config.infer().builtinRoot());
        BuiltinModels.Published published = BuiltinModels.publishAll(registry, store, assets);
        published.written().forEach(m -> LOG.infof("published built-in model %s/%s (sha256 %s)", m.modelId(),
                m.version(), m.sha256()));
        LOG.infof("%d built-in models from %s (bicubic included), %d published by this start", published.all().size(),
                assets.describe(), published.written().size());
        InferWorker w = new InferWorker(config, store, registry,
                PauseAfterTaken.of(config.infer().pauseBeforeRun()), new InferMetrics(meters));
        // Before start: the first job of a built-in style must not pay for its session (docs/inference.md).
        w.warm(warm.select(published.all()), config.infer().warmSize());
        worker = w.start();
        LOG.infof("infer worker %s started: kafka %s, s3 %s, group %s, %d intra-op threads", w.workerId(),
                config.kafka().bootstrapServers(), config.s3().endpoint(), config.infer().groupId(), config.threads());
    }

    void onStop(@Observes ShutdownEvent event) {
        InferWorker w = worker;
        if (w != null) {
            w.shutdown();
        }
    }

    /** The running worker, or null before start-up completed. */
    public InferWorker worker() {
        return worker;
    }
}
