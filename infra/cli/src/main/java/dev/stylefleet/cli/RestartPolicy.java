package dev.stylefleet.cli;

import java.time.Duration;
import java.util.Objects;

/**
 * How the local fleet replaces a service process that exits without being asked to
 * ({@link ServiceSupervisor}): the n-th restart in a row waits {@code initialDelay × multiplier^(n-1)},
 * at most {@code maxDelay}; a process that ran at least {@code stableAfter} before it died counts as
 * healthy, so its death starts the sequence again at {@code initialDelay}. docs/cli.md lists the
 * defaults and the {@code up} options that change them.
 *
 * @param enabled      whether exited services are restarted at all
 * @param initialDelay wait before the first restart after a death
 * @param multiplier   growth of the wait per further death in a row (at least 1)
 * @param maxDelay     the cap of the wait
 * @param stableAfter  a run at least this long resets the sequence
 */
public record RestartPolicy(boolean enabled, Duration initialDelay, double multiplier, Duration maxDelay,
        Duration stableAfter) {
    /**
     * One second: long enough that a crash loop (a port still taken, a broken configuration) does not
     * spin, short enough that a worker's replacement is on its way well inside the 10 s crash-stall
     * bound (docs/reliability.md, "Crash stalls").
     */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
    /** Doubling: 1, 2, 4, 8, 16, 30 s. */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    /** A service failing for good is retried twice a minute, its log line each time, not every second. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
    /**
     * A service start takes 10-20 s on the development machine (JVM, Quarkus, native libraries): a
     * process alive for a minute got past start-up and served, so its death is a new incident.
     */
    public static final Duration DEFAULT_STABLE_AFTER = Duration.ofSeconds(60);

    public RestartPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(stableAfter, "stableAfter");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("restart delays must satisfy 0 <= initial <= max, were "
                    + initialDelay + " and " + maxDelay);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("restart multiplier must be a finite number >= 1, was " + multiplier);
        }
        if (stableAfter.isNegative()) {
            throw new IllegalArgumentException("stable-after must be >= 0, was " + stableAfter);
        }
    }

    /** Restarts with the documented defaults. */
    public static RestartPolicy defaults() {
        return new RestartPolicy(true, DEFAULT_INITIAL_DELAY, DEFAULT_MULTIPLIER, DEFAULT_MAX_DELAY,
                DEFAULT_STABLE_AFTER);
    }

    /** No restarts: a service that exits stays down (a test that wants to see exactly that). */
    public static RestartPolicy never() {
        return new RestartPolicy(false, DEFAULT_INITIAL_DELAY, DEFAULT_MULTIPLIER, DEFAULT_MAX_DELAY,
                DEFAULT_STABLE_AFTER);
    }

    /** The wait before the {@code attempt}-th restart in a row (1-based), capped at {@code maxDelay}. */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based, was " + attempt);
        }
        double millis = initialDelay.toMillis() * Math.pow(multiplier, attempt - 1);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis));
    }
}
