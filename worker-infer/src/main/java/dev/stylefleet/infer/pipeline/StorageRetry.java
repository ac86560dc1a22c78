package dev.stylefleet.infer.pipeline;

import dev.stylefleet.platform.storage.StorageException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a job's processing again when the object store could not be reached, with exponential backoff,
 * until {@code deadline} after the first attempt; then the last {@link StorageException} is the job's
 * outcome. An S3 outage of seconds to a minute (a restart, a network blip) then delays the jobs in hand
 * instead of failing them: the fault suite saw every job that reached its result upload during a 10 s S3
 * outage end {@code FAILED INTERNAL}. The whole processing is repeated, not just the failed call: it writes
 * only its last step (the result, keyed by the job id), so a repeat is harmless, and one retry loop covers
 * the input fetch, the model download and the upload alike. The cancel check is asked after every pause,
 * so a cancel or a stop's grace still ends a job that waits for storage. Hand-written rather than a
 * retry library: it is a dozen lines and must ask the job's cancel check between attempts.
 *
 * @param deadline       after the first attempt, no retry starts later than this ({@code 0} = no retries)
 * @param initialBackoff the pause after the first failure; doubled after each one
 * @param maxBackoff     the longest pause
 */
public record StorageRetry(Duration deadline, Duration initialBackoff, Duration maxBackoff) {
    private static final System.Logger LOG = System.getLogger(StorageRetry.class.getName());

    public static final StorageRetry NONE = new StorageRetry(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public StorageRetry {
        if (deadline.isNegative() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("storage retry needs deadline >= 0 and 0 <= initial-backoff <= "
                    + "max-backoff, was " + deadline + ", " + initialBackoff + ", " + maxBackoff);
        }
    }

    /** {@code attempt}'s value; retried after a {@link StorageException} while the deadline allows. */
    public <T> T run(String what, Supplier<T> attempt, CancelCheck cancel) {
        long start = System.nanoTime();
        Duration backoff = initialBackoff;
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (StorageException e) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                if (elapsed.plus(backoff).compareTo(deadline) > 0) {
                    throw e;
                }
                LOG.log(Level.WARNING, "{0}: object store unreachable (attempt {1}, {2}); retrying in {3} ms, "
                        + "until {4} s after the first attempt", what, n, e.getMessage(), backoff.toMillis(),
                        deadline.toSeconds());
                pause(backoff, e);
                cancel.check();
                backoff = min(backoff.multipliedBy(2), maxBackoff);
            }
        }
    }

    private static void pause(Duration backoff, StorageException cause) {
        try {
            Thread.sleep(backoff.toMillis()); // backoff before the next attempt, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
