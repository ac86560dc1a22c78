package dev.stylefleet.infer;

import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.storage.ModelRegistry;
import dev.stylefleet.schemas.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The Quarkus service around {@link InferWorker}: at start it makes sure the buckets and the built-in
 * models exist, then runs the worker on its own thread; at shutdown it lets the job in hand finish
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
        InferWorkerSettings settings = config.toSettings();
        ObjectStore store = new ObjectStore(config.s3().endpoint(), config.s3().accessKey(), config.s3().secretKey());
        Buckets.ALL.forEach(store::ensureBucket);
        ModelRegistry registry = new ModelRegistry(store);
        List<ModelManifest> published = BuiltinModels.publishIfMissing(registry);
        published.forEach(m -> LOG.infof("published built-in model %s/%s (sha256 %s)", m.modelId(), m.version(),
                m.sha256()));
        worker = new InferWorker(settings, store, registry, JobStageListener.NONE, new InferMetrics(meters)).start();
        LOG.infof("infer worker %s started: kafka %s, s3 %s, group %s, %d intra-op threads", settings.workerId(),
                settings.bootstrapServers(), config.s3().endpoint(), settings.groupId(), settings.intraOpThreads());
    }

    void onStop(@Observes ShutdownEvent event) {
        InferWorker w = worker;
        if (w != null && !w.stop(config.infer().shutdownTimeout())) {
            LOG.warnf("infer worker %s did not finish its job within %s; it stays uncommitted and will be redelivered",
                    w.workerId(), config.infer().shutdownTimeout());
        }
    }

    /** The running worker, or null before start-up completed. */
    public InferWorker worker() {
        return worker;
    }
}
