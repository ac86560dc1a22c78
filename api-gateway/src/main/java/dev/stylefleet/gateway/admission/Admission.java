package dev.stylefleet.gateway.admission;

import java.time.Duration;
import java.util.Map;

/**
 * The decision, without I/O: a submission of a class is refused when the estimated wait on its topic
 * exceeds the class's bound; Retry-After is then the time the queue needs, at the estimated rate, to
 * drain back to the bound, between one second and {@code maxRetryAfter}.
 */
public final class Admission {
    private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1); // Retry-After counts whole seconds

    private final Map<QueueClass, Duration> maxWait;
    private final Duration maxRetryAfter;

    public Admission(Map<QueueClass, Duration> maxWait, Duration maxRetryAfter) {
        this.maxWait = Map.copyOf(maxWait);
        this.maxRetryAfter = maxRetryAfter;
    }

    /** Accepted, or refused with the estimate and when to retry. */
    public record Verdict(boolean accepted, Duration estimatedWait, Duration bound, Duration retryAfter) {}

    public Verdict judge(QueueClass c, Backlog backlog, Map<QueueClass, Duration> serviceTimes) {
        Duration wait = backlog.estimatedWait(c, serviceTimes);
        Duration bound = maxWait.get(c);
        if (wait.compareTo(bound) <= 0) {
            return new Verdict(true, wait, bound, null);
        }
        Duration drain = wait.minus(bound);
        long seconds = (drain.toMillis() + 999) / 1000;
        Duration retry = Duration.ofSeconds(Math.max(MIN_RETRY_AFTER.toSeconds(), Math.min(maxRetryAfter.toSeconds(), seconds)));
        return new Verdict(false, wait, bound, retry);
    }
}
