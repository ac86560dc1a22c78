package dev.stylefleet.infer.messaging;

import dev.stylefleet.infer.pipeline.InferenceSettings;
import dev.stylefleet.runtime.GroupProtocol;
import dev.stylefleet.runtime.RuntimeSettings;
import dev.stylefleet.runtime.cancels.CancelSettings;

import java.time.Duration;
import java.util.Objects;

/**
 * What one {@link InferWorker} needs to know, as a plain value so the worker runs without CDI (tests,
 * the launcher, other modules). The Quarkus service fills it from {@code InferWorkerConfig}; the
 * defaults here are the same ones, documented there and in docs/inference.md.
 *
 * @param bootstrapServers Kafka cluster
 * @param groupId          consumer group; every worker of the fleet shares one
 * @param workerId         written into every JobEvent the worker publishes
 * @param intraOpThreads   ONNX Runtime threads per inference
 * @param modelCacheSize   loaded models kept (LRU)
 * @param maxOutputPixels  largest output (width x height) a job may produce
 * @param pollTimeout      longest one poll blocks; bounds how quickly a stop is noticed
 * @param sessionTimeout   Kafka session timeout: how long until a crashed worker's jobs move on
 * @param maxPollInterval  Kafka max.poll.interval.ms: the longest one job may take
 * @param sendTimeout      how long to wait for the broker to acknowledge a JobEvent
 * @param inference        device, model cache bytes, image limits, tiling, micro-batching, concurrency
 * @param cancels          how cancels are followed: look-back, expiry, how many are remembered
 * @param modelLookupTtl   how long a job may rely on a model's manifest looked up for an earlier job
 * @param shutdownTimeout  the grace a stop gives the jobs in hand
 * @param groupProtocol    Kafka consumer group protocol (classic or KIP-848's consumer)
 */
public record InferWorkerSettings(
        String bootstrapServers,
        String groupId,
        String workerId,
        int intraOpThreads,
        int modelCacheSize,
        long maxOutputPixels,
        Duration pollTimeout,
        Duration sessionTimeout,
        Duration maxPollInterval,
        Duration sendTimeout,
        InferenceSettings inference,
        CancelSettings cancels,
        Duration modelLookupTtl,
        Duration shutdownTimeout,
        GroupProtocol groupProtocol) {

    public static final String DEFAULT_GROUP_ID = "stylefleet-infer";
    public static final int DEFAULT_MODEL_CACHE_SIZE = 8;
    /**
     * 8192 x 8192: with tiling, memory beyond the input and output images is bounded by the tile; the
     * output image itself is 4 bytes a pixel (256 MiB at this size).
     */
    public static final long DEFAULT_MAX_OUTPUT_PIXELS = 8192L * 8192L;
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);
    /** Kafka's own default. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);
    /** Twice Kafka's default: a large image at x8 on a small CPU takes minutes. */
    public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long a job may rely on a model's latest manifest looked up for an earlier job (two object-store
     * requests saved per job); a model published since is found at once, a new version of a known model
     * within this time.
     */
    public static final Duration DEFAULT_MODEL_LOOKUP_TTL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** Ten minutes: a queued inference job rarely waits longer, and reading it back is cheap. */
    public static final Duration DEFAULT_CANCEL_LOOKBACK = Duration.ofMinutes(10);
    /** An hour: well past how long an inference job waits and runs, short enough to forget. */
    public static final Duration DEFAULT_CANCEL_EXPIRY = Duration.ofHours(1);
    /** 10 000 ids, about a megabyte: more cancels than an hour of a busy fleet sees. */
    public static final int DEFAULT_CANCEL_MEMORY = 10_000;

    public InferWorkerSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(inference, "inference");
        Objects.requireNonNull(cancels, "cancels");
        Objects.requireNonNull(groupProtocol, "groupProtocol");
        if (modelLookupTtl == null || modelLookupTtl.isNegative()) {
            throw new IllegalArgumentException("stylefleet.infer.model-lookup-ttl must be >= 0, was " + modelLookupTtl);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("stylefleet.infer.threads must be >= 1, was " + intraOpThreads);
        }
        if (modelCacheSize < 1) {
            throw new IllegalArgumentException("stylefleet.infer.model-cache-size must be >= 1, was " + modelCacheSize);
        }
        if (maxOutputPixels < 1) {
            throw new IllegalArgumentException("stylefleet.infer.max-output-pixels must be >= 1, was " + maxOutputPixels);
        }
    }

    /** Every default, for the given cluster. */
    public static InferWorkerSettings defaults(String bootstrapServers) {
        return new InferWorkerSettings(bootstrapServers, DEFAULT_GROUP_ID, defaultWorkerId(),
                Runtime.getRuntime().availableProcessors(), DEFAULT_MODEL_CACHE_SIZE, DEFAULT_MAX_OUTPUT_PIXELS,
                DEFAULT_POLL_TIMEOUT, DEFAULT_SESSION_TIMEOUT, DEFAULT_MAX_POLL_INTERVAL, DEFAULT_SEND_TIMEOUT,
                InferenceSettings.defaults(), new CancelSettings(DEFAULT_CANCEL_LOOKBACK, DEFAULT_CANCEL_EXPIRY,
                        DEFAULT_CANCEL_MEMORY), DEFAULT_MODEL_LOOKUP_TTL, DEFAULT_SHUTDOWN_TIMEOUT, GroupProtocol.CLASSIC);
    }

    public InferWorkerSettings withGroupId(String id) {
        return new InferWorkerSettings(bootstrapServers, id, workerId, intraOpThreads, modelCacheSize,
                maxOutputPixels, pollTimeout, sessionTimeout, maxPollInterval, sendTimeout,
                inference, cancels, modelLookupTtl, shutdownTimeout, groupProtocol);
    }

    public InferWorkerSettings withWorkerId(String id) {
        return new InferWorkerSettings(bootstrapServers, groupId, id, intraOpThreads, modelCacheSize,
                maxOutputPixels, pollTimeout, sessionTimeout, maxPollInterval, sendTimeout,
                inference, cancels, modelLookupTtl, shutdownTimeout, groupProtocol);
    }

    public InferWorkerSettings withIntraOpThreads(int threads) {
        return new InferWorkerSettings(bootstrapServers, groupId, workerId, threads, modelCacheSize,
                maxOutputPixels, pollTimeout, sessionTimeout, maxPollInterval, sendTimeout,
                inference, cancels, modelLookupTtl, shutdownTimeout, groupProtocol);
    }

    public InferWorkerSettings withSessionTimeout(Duration timeout) {
        return new InferWorkerSettings(bootstrapServers, groupId, workerId, intraOpThreads, modelCacheSize,
                maxOutputPixels, pollTimeout, timeout, maxPollInterval, sendTimeout,
                inference, cancels, modelLookupTtl, shutdownTimeout, groupProtocol);
    }


    public InferWorkerSettings withInference(InferenceSettings i) {
        return new InferWorkerSettings(bootstrapServers, groupId, workerId, intraOpThreads, modelCacheSize,
                maxOutputPixels, pollTimeout, sessionTimeout, maxPollInterval, sendTimeout, i, cancels, modelLookupTtl, shutdownTimeout, groupProtocol);
    }

    public InferWorkerSettings withMaxOutputPixels(long pixels) {
        return new InferWorkerSettings(bootstrapServers, groupId, workerId, intraOpThreads, modelCacheSize,
                pixels, pollTimeout, sessionTimeout, maxPollInterval, sendTimeout, inference, cancels, modelLookupTtl, shutdownTimeout, groupProtocol);
    }

    public InferWorkerSettings withCancels(CancelSettings c) {
        return new InferWorkerSettings(bootstrapServers, groupId, workerId, intraOpThreads, modelCacheSize,
                maxOutputPixels, pollTimeout, sessionTimeout, maxPollInterval, sendTimeout,
                inference, c, modelLookupTtl, shutdownTimeout, groupProtocol);
    }

    /** {@code hostname-pid}: unique per process, and says where to look. */
    public static String defaultWorkerId() {
        return RuntimeSettings.defaultWorkerId();
    }

    /** What the worker runtime runs with: the consumer side of these settings. */
    public RuntimeSettings runtime() {
        return new RuntimeSettings(bootstrapServers, groupId, workerId, inference.concurrency(), pollTimeout,
                sessionTimeout, maxPollInterval, sendTimeout, shutdownTimeout, groupProtocol, cancels);
    }
}
