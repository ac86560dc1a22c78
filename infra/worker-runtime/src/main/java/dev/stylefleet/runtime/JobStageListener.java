package dev.stylefleet.runtime;

/**
 * The runtime's one test seam: told, on the thread doing the work, each time a job passes a stage.
 * Production passes {@link #NONE} (or, for the fleet's process-level crash test, the inference
 * service's {@code stylefleet.infer.pause-before-run} hold). Tests use it to act at an exact point of a
 * job's life without guessing with timers: {@link WorkerRuntime#stop stop(Duration.ZERO)} there
 * abandons the job as a crash would (after its result is stored, before its terminal event), or a
 * listener that blocks at {@link Stage#TAKEN} holds a job while the test stops the worker or sends a
 * cancel.
 *
 * <p>It exists because those points are microseconds apart in a real run: only the worker can say
 * "now". Everything else a test checks it observes through Kafka, S3 and the metrics.
 */
@FunctionalInterface
public interface JobStageListener {
    JobStageListener NONE = (jobId, stage) -> {};

    enum Stage {
        /** RUNNING is handed to the producer: this worker has taken the job. */
        TAKEN,
        /** The job's output is written (the job logic says so through {@link JobContext#resultStored}). */
        RESULT_STORED,
        /** The terminal event (SUCCEEDED, FAILED or CANCELLED) is acknowledged by the broker. */
        TERMINAL_PUBLISHED,
        /** The job's offset is committed: no other worker will be given it again. */
        COMMITTED,
        /** The worker's cancel reader has read a cancel of the job (on the reader's thread). */
        CANCEL_SEEN
    }

    void reached(String jobId, Stage stage);
}
