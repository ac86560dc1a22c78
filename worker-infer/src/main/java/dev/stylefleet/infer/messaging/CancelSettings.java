package dev.stylefleet.infer.messaging;

import java.time.Duration;

/**
 * How the inference worker follows {@code stylefleet.cancels}; part of {@link InferWorkerSettings},
 * filled from {@code InferWorkerConfig} (docs/inference.md, "Cancels").
 *
 * @param lookback {@code stylefleet.infer.cancel-lookback}: how far back a starting worker reads the
 *                 cancel topic, so that cancels of jobs still queued are known from its first poll
 * @param expiry   {@code stylefleet.infer.cancel-expiry}: how long a cancel is remembered (by its
 *                 timestamp); a job reaching the worker later than that runs normally
 * @param memory   {@code stylefleet.infer.cancel-memory}: most cancelled job ids remembered (oldest out)
 */
public record CancelSettings(Duration lookback, Duration expiry, int memory) {
    /** Ten minutes: a queued inference job rarely waits longer, and reading it back is cheap. */
    public static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(10);
    /** An hour: well past how long an inference job waits and runs, short enough to forget. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);
    /** 10 000 ids, about a megabyte: more cancels than an hour of a busy fleet sees. */
    public static final int DEFAULT_MEMORY = 10_000;

    public CancelSettings {
        if (lookback.isNegative()) {
            throw new IllegalArgumentException("stylefleet.infer.cancel-lookback must not be negative, was " + lookback);
        }
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("stylefleet.infer.cancel-expiry must be positive, was " + expiry);
        }
        if (memory < 1) {
            throw new IllegalArgumentException("stylefleet.infer.cancel-memory must be >= 1, was " + memory);
        }
    }

    public static CancelSettings defaults() {
        return new CancelSettings(DEFAULT_LOOKBACK, DEFAULT_EXPIRY, DEFAULT_MEMORY);
    }
}
