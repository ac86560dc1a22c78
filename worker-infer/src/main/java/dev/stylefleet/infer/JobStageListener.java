package dev.stylefleet.infer;

/**
 * Told, on the thread doing the work, each time a job passes a stage. Production passes {@link #NONE};
 * tests use it to act at an exact point of a job's life, e.g. to {@link InferWorker#halt() halt} a
 * worker after its result is stored but before the job is committed, or to hold a job until its cancel
 * has arrived, without guessing with timers.
 */
@FunctionalInterface
public interface JobStageListener {
    JobStageListener NONE = (jobId, stage) -> {};

    enum Stage {
        /** RUNNING is acknowledged by the broker: this worker has taken the job. */
        TAKEN,
        /** The result object is written (successful jobs only). */
        RESULT_STORED,
        /** The terminal event (SUCCEEDED or FAILED) is acknowledged by the broker. */
        TERMINAL_PUBLISHED,
        /** The job's offset is committed: no other worker will be given it again. */
        COMMITTED,
        /** The worker's cancel reader has read a cancel of the job (on the reader's thread). */
        CANCEL_SEEN
    }

    void reached(String jobId, Stage stage);
}
