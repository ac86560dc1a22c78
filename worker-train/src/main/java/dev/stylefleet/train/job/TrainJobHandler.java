package dev.stylefleet.train.job;

import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.runtime.JobContext;
import dev.stylefleet.runtime.JobHandler;
import dev.stylefleet.runtime.JobResult;
import dev.stylefleet.runtime.JobSignal;
import dev.stylefleet.schemas.InvalidMessageException;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.schemas.TrainJobRequested;
import dev.stylefleet.train.checkpoint.CheckpointStore;
import dev.stylefleet.train.vgg.Vgg16Weights;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * The training worker's job logic on the worker runtime: one {@link TrainJobRequested} through a
 * {@link TrainJobRunner}. The runtime's signals become the runner's stop requests, taking effect before
 * the next step: a cancel ends the job CANCELLED, a stop (scale-in) suspends it with a checkpoint and
 * leaves it uncommitted for another worker to resume, an abandon (the grace passed, or a simulated
 * crash) halts it without writing anything more.
 */
final class TrainJobHandler implements JobHandler<TrainJobRequested> {
    private static final System.Logger LOG = System.getLogger(TrainJobHandler.class.getName());

    private final TrainWorkerConfig config;
    private final ObjectStore store;
    private final ModelRegistry registry;
    private final CheckpointStore checkpoints;
    private final Supplier<Vgg16Weights> lossNetworkSource;
    private final TrainJobListener listener;
    private volatile Vgg16Weights lossNetwork;

    TrainJobHandler(TrainWorkerConfig config, ObjectStore store, ModelRegistry registry,
            Supplier<Vgg16Weights> lossNetworkSource, TrainJobListener listener) {
        this.config = config;
        this.store = store;
        this.registry = registry;
        this.checkpoints = new CheckpointStore(store);
        this.lossNetworkSource = lossNetworkSource;
        this.listener = listener;
    }

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String topic() {
        return Topics.TRAIN_JOBS;
    }

    @Override
    public JobKind kind() {
        return JobKind.TRAIN;
    }

    /** The runner's first progress event says RUNNING, with the step it starts or resumes from. */
    @Override
    public boolean publishesRunningWhenTaken() {
        return false;
    }

    @Override
    public TrainJobRequested decode(byte[] value) throws InvalidMessageException {
        return Messages.TRAIN_JOB_REQUESTED.decode(value);
    }

    @Override
    public String jobId(TrainJobRequested job) {
        return job.jobId();
    }

    @Override
    public String tenant(TrainJobRequested job) {
        return job.tenant();
    }

    @Override
    public JobResult run(TrainJobRequested job, JobContext context) {
        TrainJobRunner runner = new TrainJobRunner(job, config, context.workerId(), store, registry, checkpoints, this::lossNetwork,
                context::progress, listener);
        context.onSignal(signal -> {
            switch (signal) {
                case CANCEL -> {
                    long stepsDone = runner.stepsDone();
                    LOG.log(Level.INFO, "cancel of job {0} received after {1} steps", job.jobId(), stepsDone);
                    runner.requestStop(TrainJobRunner.StopKind.CANCEL);
                    listener.cancelReceived(job.jobId(), stepsDone);
                }
                case STOP -> runner.requestStop(TrainJobRunner.StopKind.SUSPEND);
                case ABANDON -> runner.requestStop(TrainJobRunner.StopKind.HALT);
            }
        });
        LOG.log(Level.INFO, "job {0} tenant={1} task={2} model={3} started", job.jobId(), job.tenant(), job.task(),
                job.modelId());
        var terminal = runner.run();
        LOG.log(Level.INFO, "job {0} {1}{2}", terminal.jobId(), terminal.state(),
                terminal.error() == null ? "" : " " + terminal.error().code() + ": " + terminal.error().message());
        return JobResult.terminal(terminal);
    }

    private synchronized Vgg16Weights lossNetwork() {
        if (lossNetwork == null) {
            lossNetwork = lossNetworkSource.get();
        }
        return lossNetwork;
    }
}
