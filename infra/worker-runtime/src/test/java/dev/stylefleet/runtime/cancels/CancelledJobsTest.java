package dev.stylefleet.runtime.cancels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bounded, expiring memory of cancelled job ids, on a clock the test moves. */
class CancelledJobsTest {
    final AtomicLong now = new AtomicLong(1_000_000);

    CancelledJobs jobs(int memory, Duration expiry) {
        return new CancelledJobs(new CancelSettings(Duration.ofMinutes(10), expiry, memory), now::get);
    }

    @Test
    void remembersACancelUntilItExpires() {
        CancelledJobs jobs = jobs(10, Duration.ofMinutes(5));
        assertThat(jobs.add("a", now.get())).isTrue();
        assertThat(jobs.add("a", now.get())).as("already known").isFalse();
        assertThat(jobs.contains("a")).isTrue();
        assertThat(jobs.contains("b")).isFalse();
        now.addAndGet(Duration.ofMinutes(5).toMillis());
        assertThat(jobs.contains("a")).as("exactly at the expiry").isTrue();
        now.incrementAndGet();
        assertThat(jobs.contains("a")).isFalse();
        assertThat(jobs.size()).isZero();
    }

    @Test
    void aCancelOlderThanTheExpiryIsNotRemembered() {
        CancelledJobs jobs = jobs(10, Duration.ofMinutes(5));
        assertThat(jobs.add("old", now.get() - Duration.ofMinutes(6).toMillis())).isFalse();
        assertThat(jobs.contains("old")).isFalse();
        // Expiry counts from the cancel's own time, not from when this worker read it.
        jobs.add("older", now.get() - Duration.ofMinutes(4).toMillis());
        now.addAndGet(Duration.ofMinutes(2).toMillis());
        assertThat(jobs.contains("older")).isFalse();
    }

    @Test
    void theOldestGoFirstWhenTheBoundIsReached() {
        CancelledJobs jobs = jobs(3, Duration.ofHours(1));
        for (String id : new String[] {"a", "b", "c", "d"}) {
            jobs.add(id, now.get());
        }
        assertThat(jobs.size()).isEqualTo(3);
        assertThat(jobs.contains("a")).isFalse();
        assertThat(jobs.contains("b")).isTrue();
        assertThat(jobs.contains("d")).isTrue();
    }

    @Test
    void settingsNameTheKeyOfABadValue() {
        assertThatThrownBy(() -> new CancelSettings(Duration.ofMinutes(1), Duration.ZERO, 1))
                .hasMessageContaining(".cancel-expiry");
        assertThatThrownBy(() -> new CancelSettings(Duration.ofMinutes(1), Duration.ofMinutes(1), 0))
                .hasMessageContaining(".cancel-memory");
        assertThatThrownBy(() -> new CancelSettings(Duration.ofMinutes(-1), Duration.ofMinutes(1), 1))
                .hasMessageContaining(".cancel-lookback");
    }
}
