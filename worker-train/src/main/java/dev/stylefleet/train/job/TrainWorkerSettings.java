package dev.stylefleet.train.job;

import dev.stylefleet.runtime.GroupProtocol;
import dev.stylefleet.runtime.RuntimeSettings;
import dev.stylefleet.runtime.cancels.CancelSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What one {@link TrainWorker} needs to know, as a plain value so the worker runs without CDI (tests,
 * benchmarks). The Quarkus service fills it from {@link TrainWorkerConfig}; the defaults are the same
 * and are documented there and in docs/training.md.
 *
 * @param bootstrapServers Kafka cluster
 * @param groupId          consumer group of {@code stylefleet.jobs.train}; the whole fleet shares one
 * @param workerId         written into every JobEvent
 * @param threads          TensorFlow intra- and inter-op threads
 * @param pollTimeout      longest one poll blocks; bounds how quickly a cancel or stop is noticed
 * @param sessionTimeout   Kafka session timeout: how long until a crashed worker's job moves on
 * @param maxPollInterval  Kafka max.poll.interval.ms; the worker polls every {@code pollTimeout} even
 *                         while a job runs (its partitions paused), so this never bounds a job
 * @param sendTimeout      how long to wait for the broker to acknowledge a terminal JobEvent
 * @param cancels          how cancels are followed: look-back (so a cancel sent while no worker ran still
 *                         stops a job that is redelivered afterwards), expiry, how many are remembered
 * @param keepCheckpoints  checkpoints kept in S3 per job (older ones are deleted after a newer upload)
 * @param workDir          local scratch space: dataset copies and checkpoint files
 * @param shutdownTimeout  the grace a stop gives the running job to write its checkpoint and leave
 * @param groupProtocol    Kafka consumer group protocol (classic or KIP-848's consumer)
 */
public record TrainWorkerSettings(
        String bootstrapServers,
        String groupId,
        String workerId,
        int threads,
        Duration pollTimeout,
        Duration sessionTimeout,
        Duration maxPollInterval,
        Duration sendTimeout,
        CancelSettings cancels,
        int keepCheckpoints,
        Path workDir,
        Duration shutdownTimeout,
        GroupProtocol groupProtocol) {

    public static final String DEFAULT_GROUP_ID = "stylefleet-train";
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);
    /** Kafka's own default. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);
    /** Kafka's own default: the loop polls twice a second, a job's length does not matter. */
    public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CANCEL_LOOKBACK = Duration.ofHours(24);
    /** A week: a training job may queue behind others for days; its cancel must still count then. */
    public static final Duration DEFAULT_CANCEL_EXPIRY = Duration.ofDays(7);
    /** Cancelled job ids remembered for jobs that have not reached this worker yet. */
    public static final int DEFAULT_CANCEL_MEMORY = 10_000;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_KEEP_CHECKPOINTS = 3;

    public TrainWorkerSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(cancels, "cancels");
        Objects.requireNonNull(groupProtocol, "groupProtocol");
        if (threads < 0) {
            throw new IllegalArgumentException("stylefleet.train.threads must be >= 0 (0 = all cores), was " + threads);
        }
        if (keepCheckpoints < 1) {
            throw new IllegalArgumentException("stylefleet.train.keep-checkpoints must be >= 1, was " + keepCheckpoints);
        }
    }

    public static TrainWorkerSettings defaults(String bootstrapServers) {
        return new TrainWorkerSettings(bootstrapServers, DEFAULT_GROUP_ID, defaultWorkerId(),
                Runtime.getRuntime().availableProcessors(), DEFAULT_POLL_TIMEOUT, DEFAULT_SESSION_TIMEOUT,
                DEFAULT_MAX_POLL_INTERVAL, DEFAULT_SEND_TIMEOUT,
                new CancelSettings(DEFAULT_CANCEL_LOOKBACK, DEFAULT_CANCEL_EXPIRY, DEFAULT_CANCEL_MEMORY),
                DEFAULT_KEEP_CHECKPOINTS, Path.of(System.getProperty("java.io.tmpdir"), "stylefleet-train"),
                DEFAULT_SHUTDOWN_TIMEOUT, GroupProtocol.CLASSIC);
    }

    /** {@code hostname-pid}: unique per process and readable in events. */
    public static String defaultWorkerId() {
        return RuntimeSettings.defaultWorkerId();
    }

    /**
     * What the worker runtime runs with: one job at a time (a training job owns the worker's cores for
     * hours), the rest from these settings.
     */
    public RuntimeSettings runtime() {
        return new RuntimeSettings(bootstrapServers, groupId, workerId, 1, pollTimeout, sessionTimeout,
                maxPollInterval, sendTimeout, shutdownTimeout, groupProtocol, cancels);
    }

    public TrainWorkerSettings withGroupId(String g) {
        return new TrainWorkerSettings(bootstrapServers, g, workerId, threads, pollTimeout, sessionTimeout,
                maxPollInterval, sendTimeout, cancels, keepCheckpoints, workDir, shutdownTimeout, groupProtocol);
    }

    public TrainWorkerSettings withWorkerId(String w) {
        return new TrainWorkerSettings(bootstrapServers, groupId, w, threads, pollTimeout, sessionTimeout,
                maxPollInterval, sendTimeout, cancels, keepCheckpoints, workDir, shutdownTimeout, groupProtocol);
    }

    public TrainWorkerSettings withThreads(int t) {
        return new TrainWorkerSettings(bootstrapServers, groupId, workerId, t, pollTimeout, sessionTimeout,
                maxPollInterval, sendTimeout, cancels, keepCheckpoints, workDir, shutdownTimeout, groupProtocol);
    }

    public TrainWorkerSettings withWorkDir(Path d) {
        return new TrainWorkerSettings(bootstrapServers, groupId, workerId, threads, pollTimeout, sessionTimeout,
                maxPollInterval, sendTimeout, cancels, keepCheckpoints, d, shutdownTimeout, groupProtocol);
    }
}
