package dev.stylefleet.infer.messaging;

import dev.stylefleet.infer.imaging.PngEncoder;
import dev.stylefleet.infer.builtin.BuiltinAssets;
import dev.stylefleet.infer.builtin.WarmPolicy;
import dev.stylefleet.infer.imaging.ImageLimits;
import dev.stylefleet.runtime.GroupProtocol;
import dev.stylefleet.runtime.RuntimeSettings;
import dev.stylefleet.runtime.JobStageListener;
import dev.stylefleet.runtime.cancels.CancelSettings;
import dev.stylefleet.infer.model.ExecutionDevice;
import dev.stylefleet.infer.pipeline.InferenceSettings;

import dev.stylefleet.platform.config.KafkaConnection;
import dev.stylefleet.platform.config.S3Connection;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the inference worker service can be told, under {@code stylefleet.*}. The kafka and s3
 * groups are the shared ones every stylefleet service reads (declared once in
 * {@code dev.stylefleet.platform.config}); defaults match the local stack.
 * docs/inference.md lists every key.
 */
@ConfigMapping(prefix = "stylefleet")
public interface InferWorkerConfig {

    /** {@code stylefleet.kafka.*}: the Kafka connection every service shares. */
    KafkaConnection kafka();

    /** {@code stylefleet.s3.*}: the object-store connection every service shares. */
    S3Connection s3();

    Infer infer();

    interface Infer {
        /** {@code stylefleet.infer.group-id}: the consumer group all inference workers share. */
        @WithDefault("stylefleet-infer")
        String groupId();

        /** {@code stylefleet.infer.threads}: ONNX Runtime intra-op threads; unset = available processors. */
        Optional<Integer> threads();

        /** {@code stylefleet.infer.worker-id}: written into JobEvents; unset = {@code hostname-pid}. */
        Optional<String> workerId();

        /** {@code stylefleet.infer.model-cache-size}: loaded models kept in memory (LRU). */
        @WithDefault("8")
        int modelCacheSize();

        /**
         * {@code stylefleet.infer.max-output-pixels}: largest output width x height a job may produce
         * (8192 x 8192); larger jobs fail IMAGE_TOO_LARGE before anything is decoded.
         */
        @WithDefault("67108864")
        long maxOutputPixels();

        /** {@code stylefleet.infer.max-input-bytes}: largest input object (64 MiB); checked before download. */
        @WithDefault("67108864")
        long maxInputBytes();

        /** {@code stylefleet.infer.max-input-pixels}: largest input width x height (8192 x 8192), from the header. */
        @WithDefault("67108864")
        long maxInputPixels();

        /** {@code stylefleet.infer.device}: auto | cpu | cuda (CUDA needs the -Pgpu build; falls back to CPU). */
        @WithDefault("auto")
        String device();

        /** {@code stylefleet.infer.model-cache-bytes}: model-file bytes of cached sessions (2 GiB), LRU. */
        @WithDefault("2147483648")
        long modelCacheBytes();

        /** {@code stylefleet.infer.tile-size}: tile side in output pixels for images above the budget. */
        @WithDefault("512")
        int tileSize();

        /** {@code stylefleet.infer.tile-overlap}: overlap of neighbouring tiles, input pixels (feathered). */
        @WithDefault("32")
        int tileOverlap();

        /** {@code stylefleet.infer.pad-multiple}: style inputs are reflect-padded to a multiple of this. */
        @WithDefault("4")
        int padMultiple();

        /** {@code stylefleet.infer.tile-above-pixels}: outputs with more pixels are tiled (1024 x 1024). */
        @WithDefault("1048576")
        long tileAbovePixels();

        /** {@code stylefleet.infer.batch-window}: how long a run waits to batch with others; 0 = off. */
        @WithDefault("5MS")
        Duration batchWindow();

        /** {@code stylefleet.infer.max-batch}: most images in one batched run. */
        @WithDefault("8")
        int maxBatch();

        /** {@code stylefleet.infer.concurrency}: jobs one worker runs at once (feeds micro-batching). */
        @WithDefault("4")
        int concurrency();

        /** {@code stylefleet.infer.poll-timeout}: longest one Kafka poll blocks; bounds stop latency. */
        @WithDefault("500MS")
        Duration pollTimeout();

        /**
         * {@code stylefleet.infer.session-timeout}: how long the group waits for a silent (crashed)
         * worker before giving its jobs to another. 6 s (classic's broker minimum; heartbeat every 2 s) keeps
         * a crashed worker's stall under 10 s; longer only trades stall for tolerance of pauses
         * (docs/reliability.md, "Crash stalls").
         */
        @WithDefault("6S")
        Duration sessionTimeout();

        /**
         * {@code stylefleet.infer.max-poll-interval}: Kafka's limit between polls. The runtime polls every
         * poll-timeout even while its slots are full (partitions paused), so this does not bound a job.
         */
        @WithDefault("10M")
        Duration maxPollInterval();

        /** {@code stylefleet.infer.send-timeout}: wait for the broker to acknowledge a JobEvent. */
        @WithDefault("30S")
        Duration sendTimeout();

        /**
         * {@code stylefleet.infer.pause-before-run}: hold each job between RUNNING and the inference. Zero
         * in production. The fleet's process-level crash test sets it so that its kill lands mid-job; the
         * service implements it as a {@link JobStageListener} (the worker's one test seam), so the worker
         * itself knows nothing of it ({@code PauseAfterTaken} in the service).
         */
        @WithDefault("0S")
        Duration pauseBeforeRun();

        /**
         * {@code stylefleet.infer.shutdown-timeout}: on shutdown, how long the jobs in hand may finish; those still
         * running then are abandoned uncommitted and redelivered.
         */
        @WithDefault("30S")
        Duration shutdownTimeout();

        /**
         * {@code stylefleet.infer.group-protocol}: the Kafka consumer group protocol, {@code classic} or
         * {@code consumer} (KIP-848; session-timeout is then set as the group's config, GroupSessionTimeout,
         * within the broker's bounds).
         */
        @WithDefault("classic")
        String groupProtocol();

        /**
         * {@code stylefleet.infer.group-instance-id}: Kafka's {@code group.instance.id} (static membership), a
         * name that outlives the process (the local fleet sets the module's name; a StatefulSet would set the
         * pod's): a restarted worker rejoins as the same member and gets its partitions back without a
         * rebalance if it is back within session-timeout. Unset = a dynamic member (docs/reliability.md,
         * "Crash stalls").
         */
        Optional<String> groupInstanceId();

        /**
         * {@code stylefleet.infer.cancel-lookback}: how far back a starting worker reads the cancel
         * topic, so that it knows the cancels of jobs still queued.
         */
        @WithDefault("10M")
        Duration cancelLookback();

        /** {@code stylefleet.infer.cancel-expiry}: how long a cancel is remembered (by its timestamp). */
        @WithDefault("1H")
        Duration cancelExpiry();

        /** {@code stylefleet.infer.cancel-memory}: most cancelled job ids remembered, oldest out first. */
        @WithDefault("10000")
        int cancelMemory();

        /**
         * {@code stylefleet.infer.model-lookup-ttl}: how long a job may rely on a model's latest manifest
         * looked up for an earlier job (saves two object-store requests per job; a model published since
         * is found at once, a newer version of a known model within this time); 0 = look up every job.
         */
        @WithDefault("2S")
        Duration modelLookupTtl();

        /**
         * {@code stylefleet.infer.builtin-root}: where the built-in models (style gallery, super-resolution
         * networks) are read from at start, {@code classpath:PREFIX} or a directory of the same layout
         * ({@link BuiltinAssets}); the default is the {@code builtin/} resources inside the worker's jar.
         */
        @WithDefault(BuiltinAssets.DEFAULT_ROOT)
        String builtinRoot();

        /**
         * {@code stylefleet.infer.warm}: built-ins whose sessions are loaded and run (twice) before the worker
         * takes jobs ({@link WarmPolicy}): {@code builtin-styles} (default: every built-in style),
         * {@code builtin} (every built-in), {@code none}, or model ids; comma-separated.
         */
        @WithDefault(WarmPolicy.BUILTIN_STYLES)
        List<String> warm();

        /**
         * {@code stylefleet.infer.warm-size}: side in pixels of the image each warmed model runs twice; the
         * tile size by default, so that ONNX Runtime's memory arena has grown for jobs up to a tile
         * ({@link dev.stylefleet.infer.pipeline.InferJobProcessor#warm}).
         */
        @WithDefault("512")
        int warmSize();

        /**
         * {@code stylefleet.infer.storage-retry-deadline}: a job whose object-store access fails is run again
         * with backoff until this long after its first attempt (then it fails): an S3 restart delays jobs
         * instead of failing them ({@link dev.stylefleet.infer.pipeline.StorageRetry}). {@code 0} = no retries.
         */
        @WithDefault("60S")
        Duration storageRetryDeadline();

        /** {@code stylefleet.infer.storage-retry-initial-backoff}: pause after the first failure, doubled each time. */
        @WithDefault("500MS")
        Duration storageRetryInitialBackoff();

        /** {@code stylefleet.infer.storage-retry-max-backoff}: the longest pause between attempts. */
        @WithDefault("5S")
        Duration storageRetryMaxBackoff();

        /**
         * {@code stylefleet.infer.png-encoder}: how PNG results are written: {@code fast} (the worker's own
         * writer, {@link PngEncoder}: one row filter, the deflate level below,
         * bands deflated in parallel) or {@code imageio} (the JDK's writer: every filter tried on every
         * row, deflate level 4; slower, a few percent smaller files).
         */
        @WithDefault("fast")
        String pngEncoder();

        /** {@code stylefleet.infer.png-deflate-level}: the fast PNG writer's deflate level, 0..9. */
        @WithDefault("1")
        int pngDeflateLevel();

        /** {@code stylefleet.infer.png-filter}: the fast PNG writer's row filter: none, sub, up, average, paeth. */
        @WithDefault("up")
        String pngFilter();

        /** {@code stylefleet.infer.png-encode-threads}: bands the fast PNG writer deflates at once; unset = processors. */
        Optional<Integer> pngEncodeThreads();
    }

    /** How a job rides out an unreachable object store. */
    default dev.stylefleet.infer.pipeline.StorageRetry storageRetry() {
        Infer i = infer();
        return new dev.stylefleet.infer.pipeline.StorageRetry(i.storageRetryDeadline(), i.storageRetryInitialBackoff(),
                i.storageRetryMaxBackoff());
    }

    /** What the worker runtime runs with: {@code concurrency} slots, so that concurrent jobs meet in batches. */
    default RuntimeSettings runtime() {
        Infer i = infer();
        return new RuntimeSettings(kafka().bootstrapServers(), i.groupId(),
                i.workerId().filter(s -> !s.isBlank()).orElseGet(RuntimeSettings::defaultWorkerId), i.concurrency(),
                i.pollTimeout(), i.sessionTimeout(), i.maxPollInterval(), i.sendTimeout(), i.shutdownTimeout(),
                GroupProtocol.parse(i.groupProtocol()),
                new CancelSettings(i.cancelLookback(), i.cancelExpiry(), i.cancelMemory()), i.groupInstanceId());
    }

    /** How the pipeline runs models and treats images. */
    default InferenceSettings inference() {
        Infer i = infer();
        return new InferenceSettings(ExecutionDevice.parse(i.device()), i.modelCacheBytes(),
                new ImageLimits(i.maxInputBytes(), i.maxInputPixels()), i.tileSize(), i.tileOverlap(),
                i.padMultiple(), i.tileAbovePixels(), i.batchWindow(), i.maxBatch(), i.concurrency(), png());
    }

    /** The PNG writer {@code stylefleet.infer.png-*} describe; null = ImageIO's. */
    default PngEncoder png() {
        Infer i = infer();
        return switch (i.pngEncoder().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "imageio" -> null;
            case "fast" -> new PngEncoder(i.pngDeflateLevel(),
                    PngEncoder.Filter.parse(i.pngFilter()),
                    i.pngEncodeThreads().orElse(Runtime.getRuntime().availableProcessors()));
            default -> throw new IllegalArgumentException("stylefleet.infer.png-encoder must be fast or imageio, was '"
                    + i.pngEncoder() + "'");
        };
    }

    /** ONNX Runtime intra-op threads: {@code stylefleet.infer.threads}, or every available processor. */
    default int threads() {
        int t = infer().threads().orElse(Runtime.getRuntime().availableProcessors());
        if (t < 1) {
            throw new IllegalArgumentException("stylefleet.infer.threads must be >= 1, was " + t);
        }
        return t;
    }

    /**
     * The mapping from plain properties (the defaults for every key not given), for workers run without
     * Quarkus: tests and benchmarks. Quarkus' own converters read durations ({@code 500MS}) and paths as the
     * service does.
     */
    static InferWorkerConfig of(Map<String, String> properties) {
        int converterPriority = 200; // above SmallRye's built-in converters (100)
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withMapping(InferWorkerConfig.class)
                .withConverter(Duration.class, converterPriority, new DurationConverter())
                .withConverter(Path.class, converterPriority, new PathConverter())
                .withSources(new PropertiesConfigSource(properties, "InferWorkerConfig.of", 100)).build()
                .getConfigMapping(InferWorkerConfig.class);
    }
}
