package dev.stylefleet.train.job;

/**
 * Observes a worker's jobs from inside (tests, metrics): the training worker's one test seam. Called on
 * the worker's threads; no callback may throw. {@link #stepDone} runs on the job's own thread and may
 * block, which holds the job at that step boundary; the other callbacks must be quick.
 */
public interface TrainJobListener {
    TrainJobListener NONE = new TrainJobListener() {};

    /**
     * A training step finished ({@code step} = steps done, restored ones included). Called on the job's
     * thread before that step's checkpoint and progress event, and before the next step starts. Blocking
     * here holds the job: tests do so to keep a job running until a cancel arrives. Meanwhile the worker
     * keeps polling and reading cancels; a cancel or stop requested while the callback blocks takes effect
     * when it returns, before the next step. Calling {@link TrainWorker#stop} from here returns at once.
     */
    default void stepDone(String jobId, long step) {}

    /** A checkpoint of {@code step} is complete in S3 (its checkpoint.json written last). */
    default void checkpointUploaded(String jobId, long step) {}

    /**
     * The worker read a cancel for the job it runs, after {@code stepsDone} steps, and has already asked
     * the job to stop before its next step. Called on the polling thread, so a job held in
     * {@link #stepDone} can be let go from here.
     */
    default void cancelReceived(String jobId, long stepsDone) {}
}
