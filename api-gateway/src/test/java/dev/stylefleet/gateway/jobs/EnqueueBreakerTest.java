package dev.stylefleet.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.gateway.jobs.EnqueueBreaker.Permit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EnqueueBreakerTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-07T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final EnqueueBreaker breaker = new EnqueueBreaker(Duration.ofSeconds(5), clock);

    @Test
    void closedLetsEverySubmissionThrough() {
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.PASS);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.PASS);
    }

    @Test
    void aFailureRefusesEverySubmissionForTheOpenPeriod() {
        breaker.failure();
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.REFUSED);
        clock.now = clock.now.plusMillis(4_999);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.REFUSED);
    }

    @Test
    void afterTheOpenPeriodOneSubmissionProbesWhileTheOthersAreRefused() {
        breaker.failure();
        clock.now = clock.now.plusSeconds(5);
        Permit probe = breaker.tryAcquire();
        assertThat(probe).isEqualTo(Permit.PROBE);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.REFUSED);

        breaker.success();
        breaker.release(probe);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.PASS);
    }

    @Test
    void aFailedProbeOpensItAgain() {
        breaker.failure();
        clock.now = clock.now.plusSeconds(5);
        Permit probe = breaker.tryAcquire();
        breaker.failure();
        breaker.release(probe);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.REFUSED);
        clock.now = clock.now.plusSeconds(5);
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.PROBE);
    }

    @Test
    void aProbeThatNeverReachedKafkaHandsTheProbeToTheNextSubmission() {
        breaker.failure();
        clock.now = clock.now.plusSeconds(5);
        Permit probe = breaker.tryAcquire();
        breaker.release(probe); // e.g. it failed on the object store first
        assertThat(breaker.tryAcquire()).isEqualTo(Permit.PROBE);
    }
}
