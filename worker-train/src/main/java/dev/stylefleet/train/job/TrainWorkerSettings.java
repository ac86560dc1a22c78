package dev.stylefleet.train.job;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
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
 * @param cancelLookback   how far back the cancel topic is read at start, so a cancel sent while no
 *                         worker ran still stops a job that is redelivered afterwards
 * @param keepCheckpoints  checkpoints kept in S3 per job (older ones are deleted after a newer upload)
 * @param workDir          local scratch space: dataset copies and checkpoint files
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
        Duration cancelLookback,
        int keepCheckpoints,
        Path workDir) {

    public static final String DEFAULT_GROUP_ID = "stylefleet-train";
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);
    /** Kafka's own default. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);
    /** Kafka's own default: the loop polls twice a second, a job's length does not matter. */
    public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CANCEL_LOOKBACK = Duration.ofHours(24);
    public static final int DEFAULT_KEEP_CHECKPOINTS = 3;

    public TrainWorkerSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(workDir, "workDir");
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
                DEFAULT_MAX_POLL_INTERVAL, DEFAULT_SEND_TIMEOUT, DEFAULT_CANCEL_LOOKBACK,
                DEFAULT_KEEP_CHECKPOINTS, Path.of(System.getProperty("java.io.tmpdir"), "stylefleet-train"));
    }

    /** {@code hostname-pid}: unique per process and readable in events. */
    public static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "train";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    public TrainWorkerSettings withGroupId(String g) {
        return new TrainWorkerSettings(bootstrapServers, g, workerId, threads, pollTimeout, sessionTimeout,
                maxPollInterval, sendTimeout, cancelLookback, keepCheckpoints, workDir);
    }

    public TrainWorkerSettings withWorkerId(String w) {
        return new TrainWorkerSettings(bootstrapServers, groupId, w, threads, pollTimeout, sessionTimeout,
                maxPollInterval, sendTimeout, cancelLookback, keepCheckpoints, workDir);
    }

    public TrainWorkerSettings withThreads(int t) {
        return new TrainWorkerSettings(bootstrapServers, groupId, workerId, t, pollTimeout, sessionTimeout,
                maxPollInterval, sendTimeout, cancelLookback, keepCheckpoints, workDir);
    }

    public TrainWorkerSettings withWorkDir(Path d) {
        return new TrainWorkerSettings(bootstrapServers, groupId, workerId, threads, pollTimeout, sessionTimeout,
                maxPollInterval, sendTimeout, cancelLookback, keepCheckpoints, d);
    }
}
