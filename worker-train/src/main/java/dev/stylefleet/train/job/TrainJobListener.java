package dev.stylefleet.train.job;

/**
 * Observes a worker's jobs from inside (tests, metrics). Called on the worker's threads; must be quick
 * and must not throw.
 */
public interface TrainJobListener {
    TrainJobListener NONE = new TrainJobListener() {};

    /** A training step finished ({@code step} = steps done, restored ones included). */
    default void stepDone(String jobId, long step) {}

    /** A checkpoint of {@code step} is complete in S3 (its checkpoint.json written last). */
    default void checkpointUploaded(String jobId, long step) {}

    /** The worker read a cancel for the job it runs, after {@code stepsDone} steps. */
    default void cancelReceived(String jobId, long stepsDone) {}
}
