package dev.stylefleet.runtime.cancels;

import java.time.Duration;

/**
 * How a worker follows {@code stylefleet.cancels}; part of {@code RuntimeSettings}, filled from each
 * worker's config mapping ({@code stylefleet.{infer,train}.cancel-*}, docs/worker-runtime.md).
 *
 * @param lookback {@code cancel-lookback}: how far back a starting worker reads the cancel topic, so
 *                 that cancels of jobs still queued are known from its first poll
 * @param expiry   {@code cancel-expiry}: how long a cancel is remembered (by its timestamp); a job
 *                 reaching the worker later than that runs normally
 * @param memory   {@code cancel-memory}: most cancelled job ids remembered (oldest out)
 */
public record CancelSettings(Duration lookback, Duration expiry, int memory) {
    public CancelSettings {
        if (lookback.isNegative()) {
            throw new IllegalArgumentException("stylefleet.{infer,train}.cancel-lookback must not be negative, was " + lookback);
        }
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("stylefleet.{infer,train}.cancel-expiry must be positive, was " + expiry);
        }
        if (memory < 1) {
            throw new IllegalArgumentException("stylefleet.{infer,train}.cancel-memory must be >= 1, was " + memory);
        }
    }

}
