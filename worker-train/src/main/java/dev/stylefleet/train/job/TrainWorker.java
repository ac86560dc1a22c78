package dev.stylefleet.train.job;

import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.runtime.JobStageListener;
import dev.stylefleet.runtime.Worker;
import dev.stylefleet.runtime.WorkerRuntime;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.schemas.TrainJobRequested;
import dev.stylefleet.train.vgg.Vgg16Weights;
import java.util.List;
import java.util.function.Supplier;

/**
 * The training worker: consumes {@link Topics#TRAIN_JOBS} (group {@code stylefleet-train}), trains
 * one job at a time ({@link TrainJobHandler}, {@link TrainJobRunner}) and reports on
 * {@link Topics#JOB_EVENTS}. The consumer lifecycle is the shared {@link WorkerRuntime}'s
 * (docs/worker-runtime.md) with one slot: while a job runs (hours, far beyond
 * {@code max.poll.interval.ms}) every assigned partition is paused and the loop keeps polling, which
 * keeps the member in the group. The job's offset is committed only after its terminal event is
 * acknowledged; a worker that dies before that leaves it uncommitted, and whoever gets the partition
 * resumes it from its latest checkpoint in S3.
 *
 * <p>Stopping: {@link #stop} suspends the running job at its next step with a checkpoint and leaves
 * it uncommitted (another worker resumes it). When its grace passes first, or is zero, the job is
 * abandoned at the next step boundary without writing anything more, exactly what a crash leaves
 * behind; {@code stop(Duration.ZERO)} is therefore the in-process stand-in for killing the worker.
 * {@link TrainJobListener} is the worker's one test seam.
 */
public final class TrainWorker implements Worker {
    private final WorkerRuntime<TrainJobRequested> runtime;

    /**
     * @param lossNetworkSource loads the VGG-16 weights (for example {@code Vgg16WeightsSource::load});
     *                          called when the first job needs them, again after a failure
     */
    public TrainWorker(TrainWorkerConfig config, ObjectStore store, ModelRegistry registry,
            Supplier<Vgg16Weights> lossNetworkSource, TrainJobListener listener) {
        if (config.train().keepCheckpoints() < 1) {
            throw new IllegalArgumentException("stylefleet.train.keep-checkpoints must be >= 1, was "
                    + config.train().keepCheckpoints());
        }
        this.runtime = new WorkerRuntime<>(config.runtime(),
                new TrainJobHandler(config, store, registry, lossNetworkSource, listener), JobStageListener.NONE);
    }

    @Override
    public WorkerRuntime<?> runtime() {
        return runtime;
    }

    public TrainWorker start() {
        runtime.start();
        return this;
    }

    /** Id of the job being trained, or null. */
    public String currentJobId() {
        List<String> jobs = runtime.jobsInHand();
        return jobs.isEmpty() ? null : jobs.get(0);
    }

}
