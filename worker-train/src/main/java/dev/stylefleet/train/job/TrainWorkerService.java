package dev.stylefleet.train.job;

import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.train.vgg.Vgg16WeightsSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The Quarkus service around {@link TrainWorker}: at start it makes sure the buckets exist and runs
 * the worker on its own thread; the VGG-16 weights are loaded when the first job needs them (a
 * missing file fails that job LOSS_NETWORK_UNAVAILABLE, not the service). At shutdown the running
 * job is checkpointed and left for another worker (up to {@code stylefleet.train.shutdown-timeout}).
 */
@ApplicationScoped
public class TrainWorkerService {
    private static final Logger LOG = Logger.getLogger(TrainWorkerService.class);

    private final TrainWorkerConfig config;
    private final Vgg16WeightsSource weights;
    private volatile TrainWorker worker;

    public TrainWorkerService(TrainWorkerConfig config, Vgg16WeightsSource weights) {
        this.config = config;
        this.weights = weights;
    }

    void onStart(@Observes StartupEvent event) {
        ObjectStore store = new ObjectStore(config.s3().endpoint(), config.s3().accessKey(), config.s3().secretKey());
        Buckets.ALL.forEach(store::ensureBucket);
        worker = new TrainWorker(config, store, new ModelRegistry(store), weights::load, TrainJobListener.NONE).start();
        LOG.infof("train worker %s started: kafka %s, s3 %s, group %s, %d threads, work dir %s", worker.workerId(),
                config.kafka().bootstrapServers(), config.s3().endpoint(), config.train().groupId(), config.threads(),
                config.train().workDir());
    }

    void onStop(@Observes ShutdownEvent event) {
        TrainWorker w = worker;
        if (w != null) {
            w.shutdown();
        }
    }

    /** The running worker, or null before start-up completed. */
    public TrainWorker worker() {
        return worker;
    }
}
