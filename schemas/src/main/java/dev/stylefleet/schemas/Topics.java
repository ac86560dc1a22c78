package dev.stylefleet.schemas;

import java.util.List;

/**
 * Every Kafka topic stylefleet uses, defined once. All job topics are keyed by job id, so every
 * message about one job lands on one partition, in order.
 */
public final class Topics {
    private Topics() {}

    /** {@link InferJobRequested}, key = job id. */
    public static final String INFER_JOBS = "stylefleet.jobs.infer";
    /** {@link TrainJobRequested}, key = job id. */
    public static final String TRAIN_JOBS = "stylefleet.jobs.train";
    /**
     * {@link JobEvent}, key = job id. Compacted: only the last event of a job is kept for good, which is
     * enough because the gateway snapshots everything else into {@link #JOB_RECORDS}.
     */
    public static final String JOB_EVENTS = "stylefleet.job-events";
    /** {@link JobRecord}, key = job id, compacted: the gateway's snapshot of each job (see JobRecord). */
    public static final String JOB_RECORDS = "stylefleet.job-records";
    /** {@link CancelRequested}, key = job id. */
    public static final String CANCELS = "stylefleet.cancels";
    /** {@link DeadLetter}: messages that failed validation, with the reason. Key = original key. */
    public static final String DEAD_LETTER = "stylefleet.dead-letter";

    /** How a topic is created by the local stack (and by the deployment manifests). */
    public record Spec(String name, int partitions, boolean compacted) {}

    public static final List<Spec> ALL = List.of(
            new Spec(INFER_JOBS, 4, false),
            new Spec(TRAIN_JOBS, 2, false),
            new Spec(JOB_EVENTS, 4, true),
            new Spec(JOB_RECORDS, 4, true),
            new Spec(CANCELS, 2, false),
            new Spec(DEAD_LETTER, 1, false));

    /** The partition key of every job message. */
    public static String key(String jobId) {
        return jobId;
    }
}
