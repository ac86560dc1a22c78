package dev.stylefleet.train.job;

import dev.stylefleet.platform.config.KafkaConnection;
import dev.stylefleet.platform.config.S3Connection;
import dev.stylefleet.runtime.GroupProtocol;
import dev.stylefleet.runtime.RuntimeSettings;
import dev.stylefleet.runtime.cancels.CancelSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the training worker service can be told, under {@code stylefleet.*}. The kafka and s3
 * groups are the shared ones every stylefleet service reads (declared once in
 * {@code dev.stylefleet.platform.config}); defaults match the local stack. The VGG-16
 * weights are configured under {@code stylefleet.train.vgg16.*} ({@code Vgg16Config}). docs/training.md
 * lists every key.
 */
@ConfigMapping(prefix = "stylefleet")
public interface TrainWorkerConfig {

    /** {@code stylefleet.kafka.*}: the Kafka connection every service shares. */
    KafkaConnection kafka();

    /** {@code stylefleet.s3.*}: the object-store connection every service shares. */
    S3Connection s3();

    Train train();

    interface Train {
        /** {@code stylefleet.train.group-id}: the consumer group all training workers share. */
        @WithDefault("stylefleet-train")
        String groupId();

        /** {@code stylefleet.train.worker-id}: written into JobEvents; unset = {@code hostname-pid}. */
        Optional<String> workerId();

        /** {@code stylefleet.train.threads}: TensorFlow intra/inter-op threads; unset = available processors. */
        Optional<Integer> threads();

        /** {@code stylefleet.train.poll-timeout}: longest one Kafka poll blocks; bounds cancel latency. */
        @WithDefault("500MS")
        Duration pollTimeout();

        /**
         * {@code stylefleet.train.session-timeout}: how long the group waits for a silent (crashed) worker;
         * 6 s as for inference (docs/reliability.md, "Crash stalls"): the heartbeat is the Kafka client's own
         * thread, so a busy training step does not delay it.
         */
        @WithDefault("6S")
        Duration sessionTimeout();

        /**
         * {@code stylefleet.train.max-poll-interval}: Kafka's limit between polls. The worker polls every
         * poll-timeout even while training (its partitions paused), so this does not bound a job.
         */
        @WithDefault("5M")
        Duration maxPollInterval();

        /** {@code stylefleet.train.send-timeout}: wait for the broker to acknowledge a terminal JobEvent. */
        @WithDefault("30S")
        Duration sendTimeout();

        /** {@code stylefleet.train.cancel-lookback}: how far back the cancel topic is read at start. */
        @WithDefault("24H")
        Duration cancelLookback();

        /** {@code stylefleet.train.cancel-expiry}: how long a cancel is remembered (by its timestamp). */
        @WithDefault("168H")
        Duration cancelExpiry();

        /** {@code stylefleet.train.cancel-memory}: most cancelled job ids remembered, oldest out first. */
        @WithDefault("10000")
        int cancelMemory();

        /** {@code stylefleet.train.keep-checkpoints}: checkpoints kept in S3 per job (older ones deleted). */
        @WithDefault("3")
        int keepCheckpoints();

        /** {@code stylefleet.train.work-dir}: local scratch (dataset copies, checkpoint files). */
        @WithDefault("${java.io.tmpdir}/stylefleet-train")
        Path workDir();

        /**
         * {@code stylefleet.train.shutdown-timeout}: on shutdown, how long the running job may take to
         * write its checkpoint before the worker leaves anyway.
         */
        @WithDefault("60S")
        Duration shutdownTimeout();

        /**
         * {@code stylefleet.train.group-protocol}: the Kafka consumer group protocol, {@code classic} or
         * {@code consumer} (KIP-848; session-timeout is then set as the group's config, GroupSessionTimeout,
         * within the broker's bounds).
         */
        @WithDefault("classic")
        String groupProtocol();

        /**
         * {@code stylefleet.train.group-instance-id}: Kafka's {@code group.instance.id} (static membership), a
         * name that outlives the process (the local fleet sets the module's name; a StatefulSet would set the
         * pod's): a restarted worker rejoins as the same member and gets its partitions back without a
         * rebalance if it is back within session-timeout. Unset = a dynamic member (docs/reliability.md,
         * "Crash stalls").
         */
        Optional<String> groupInstanceId();

        /** {@code stylefleet.train.int8.*}: the int8 variant published after training. */
        Int8 int8();
    }

    /**
     * The int8 variant of a trained model (docs/training.md, "int8 variant"): calibrated on the job's own
     * dataset, published only when it passes the quality gate on dataset images not used for calibration.
     */
    interface Int8 {
        /** {@code stylefleet.train.int8.enabled}: build and gate an int8 variant after training. */
        @WithDefault("true")
        boolean enabled();

        /** {@code stylefleet.train.int8.calibration-images}: dataset images the activation ranges come from. */
        @WithDefault("16")
        int calibrationImages();

        /** {@code stylefleet.train.int8.gate-images}: further dataset images the gate compares on (held out). */
        @WithDefault("4")
        int gateImages();

        /**
         * {@code stylefleet.train.int8.size}: side of the square crops calibration and gate run at (the
         * high-resolution side for super-resolution; a multiple of the scale).
         */
        @WithDefault("256")
        int size();
    }

    /** What the worker runtime runs with: one job at a time (a training job owns the worker's cores for hours). */
    default RuntimeSettings runtime() {
        Train t = train();
        return new RuntimeSettings(kafka().bootstrapServers(), t.groupId(),
                t.workerId().filter(s -> !s.isBlank()).orElseGet(RuntimeSettings::defaultWorkerId), 1,
                t.pollTimeout(), t.sessionTimeout(), t.maxPollInterval(), t.sendTimeout(), t.shutdownTimeout(),
                GroupProtocol.parse(t.groupProtocol()),
                new CancelSettings(t.cancelLookback(), t.cancelExpiry(), t.cancelMemory()), t.groupInstanceId());
    }

    /** TensorFlow threads: {@code stylefleet.train.threads}, or every available processor. */
    default int threads() {
        int t = train().threads().orElse(Runtime.getRuntime().availableProcessors());
        if (t < 0) {
            throw new IllegalArgumentException("stylefleet.train.threads must be >= 0 (0 = all cores), was " + t);
        }
        return t;
    }

    /**
     * The mapping from plain properties (the defaults for every key not given), for workers run without
     * Quarkus: tests and benchmarks. Quarkus' own converters read durations ({@code 500MS}) and paths as the
     * service does.
     */
    static TrainWorkerConfig of(Map<String, String> properties) {
        int converterPriority = 200; // above SmallRye's built-in converters (100)
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withMapping(TrainWorkerConfig.class)
                .withConverter(Duration.class, converterPriority, new DurationConverter())
                .withConverter(Path.class, converterPriority, new PathConverter())
                .withSources(new PropertiesConfigSource(properties, "TrainWorkerConfig.of", 100)).build()
                .getConfigMapping(TrainWorkerConfig.class);
    }
}
