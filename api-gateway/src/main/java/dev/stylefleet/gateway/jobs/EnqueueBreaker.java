package dev.stylefleet.gateway.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A circuit breaker in front of Kafka for submissions. Without it, every submission during a broker
 * outage waits the whole enqueue timeout before its 503 (the fault suite measured 15 s per client with
 * the old 15 s timeout): a client must get a quick 503, not a hang. After a failed enqueue the breaker
 * is <em>open</em> for {@code openFor} (the {@code Retry-After} clients are told): submissions are refused
 * at once and nothing is accepted. Then it lets exactly one submission through as a probe
 * (<em>half-open</em>) while the others are still refused; the probe's success closes it, its failure
 * opens it again. Hand-written: the state is three fields, and SmallRye Fault Tolerance's annotation
 * breaker counts failures over a window of calls instead of opening on the first timeout.
 */
final class EnqueueBreaker {
    private final Duration openFor;
    private final Clock clock;
    /** Null while closed; else when the open period ends (after it: half-open). */
    private volatile Instant openUntil;
    private final AtomicBoolean probing = new AtomicBoolean();

    EnqueueBreaker(Duration openFor, Clock clock) {
        this.openFor = openFor;
        this.clock = clock;
    }

    /** What {@link #tryAcquire} grants a submission. */
    enum Permit { REFUSED, PASS, PROBE }

    /**
     * PASS while closed; REFUSED while open, or half-open with another submission probing; PROBE to the
     * one submission that tries Kafka once the open period has ended. Every permit that is not REFUSED
     * goes back through {@link #release}.
     */
    Permit tryAcquire() {
        Instant until = openUntil;
        if (until == null) {
            return Permit.PASS;
        }
        if (clock.instant().isBefore(until)) {
            return Permit.REFUSED;
        }
        return probing.compareAndSet(false, true) ? Permit.PROBE : Permit.REFUSED;
    }

    /** Kafka took a submission: closed. */
    void success() {
        openUntil = null;
    }

    /** Kafka did not take a submission: open for {@code openFor} from now. */
    void failure() {
        openUntil = clock.instant().plus(openFor);
    }

    /**
     * The submission that held {@code permit} is over (whatever became of it: a probe that failed on the
     * object store never reached Kafka, and the next submission probes instead).
     */
    void release(Permit permit) {
        if (permit == Permit.PROBE) {
            probing.set(false);
        }
    }
}
