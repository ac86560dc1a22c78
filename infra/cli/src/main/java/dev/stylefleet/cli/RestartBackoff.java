package dev.stylefleet.cli;

import java.time.Duration;

/**
 * The restart sequence of one supervised service: counts deaths in a row and says how long to wait
 * before the next start ({@link RestartPolicy#delay}). A run of at least {@code stableAfter} resets the
 * count. Hand-written rather than taken from a retry library (Failsafe, resilience4j): those back off
 * between attempts of one call, and none resets on the length of the last run, which is what tells a
 * crash loop from an occasional crash here. Not thread-safe: the supervisor calls it from one exit
 * handler at a time per service.
 */
final class RestartBackoff {
    private final RestartPolicy policy;
    private int deathsInARow;

    RestartBackoff(RestartPolicy policy) {
        this.policy = policy;
    }

    /**
     * Records a death after a run of {@code ranFor}.
     *
     * @return the attempt number (1-based, in this sequence) and the wait before it
     */
    Restart onDeath(Duration ranFor) {
        if (ranFor.compareTo(policy.stableAfter()) >= 0) {
            deathsInARow = 0;
        }
        deathsInARow++;
        return new Restart(deathsInARow, policy.delay(deathsInARow));
    }

    /** The next restart: which attempt in a row, after how long. */
    record Restart(int attempt, Duration delay) {}
}
