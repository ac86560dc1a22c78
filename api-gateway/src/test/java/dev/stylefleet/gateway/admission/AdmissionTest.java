package dev.stylefleet.gateway.admission;

import static dev.stylefleet.gateway.admission.QueueClass.STYLIZE;
import static dev.stylefleet.gateway.admission.QueueClass.SUPER_RESOLVE;
import static dev.stylefleet.gateway.admission.QueueClass.TRAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision without I/O: the estimated wait, the bound per task, Retry-After. */
class AdmissionTest {
    private static final Map<QueueClass, Duration> SERVICE = Map.of(SUPER_RESOLVE, Duration.ofSeconds(2),
            STYLIZE, Duration.ofSeconds(1), TRAIN, Duration.ofMinutes(30));
    private final Admission admission = new Admission(Map.of(SUPER_RESOLVE, Duration.ofSeconds(60),
            STYLIZE, Duration.ofSeconds(30), TRAIN, Duration.ofHours(2)), Duration.ofMinutes(5));

    private static Backlog backlog(int srQueued, int styleQueued, int trainQueued, int srRunning, int styleRunning,
            int trainRunning) {
        return new Backlog(Map.of(SUPER_RESOLVE, srQueued, STYLIZE, styleQueued, TRAIN, trainQueued),
                Map.of(SUPER_RESOLVE, srRunning, STYLIZE, styleRunning, TRAIN, trainRunning));
    }

    @Test
    void waitIsQueuedWorkOverTheJobsRunningOnTheSameTopic() {
        // 40 x 2 s + 20 x 1 s = 100 s of work, 4 jobs running on the infer topic: 25 s.
        Backlog b = backlog(40, 20, 3, 3, 1, 1);
        assertThat(b.estimatedWait(SUPER_RESOLVE, SERVICE)).isEqualTo(Duration.ofSeconds(25));
        // Both inference tasks wait in the same queue.
        assertThat(b.estimatedWait(STYLIZE, SERVICE)).isEqualTo(Duration.ofSeconds(25));
        // Training has its own: 3 x 30 min over 1 running.
        assertThat(b.estimatedWait(TRAIN, SERVICE)).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void noJobRunningCountsAsOneWorker() {
        assertThat(backlog(5, 0, 0, 0, 0, 0).estimatedWait(SUPER_RESOLVE, SERVICE)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backlog(0, 0, 0, 0, 0, 0).estimatedWait(SUPER_RESOLVE, SERVICE)).isZero();
    }

    @Test
    void acceptedUpToTheBoundRefusedBeyondIt() {
        // 30 s of wait: exactly the stylize bound (accepted), under the super-resolve one.
        Backlog atStylizeBound = backlog(15, 0, 0, 1, 0, 0);
        assertThat(admission.judge(STYLIZE, atStylizeBound, SERVICE).accepted()).isTrue();
        assertThat(admission.judge(SUPER_RESOLVE, atStylizeBound, SERVICE).accepted()).isTrue();
        // 32 s: stylize refused, super-resolve (60 s) still accepted: the bound is per task.
        Backlog over = backlog(16, 0, 0, 1, 0, 0);
        Admission.Verdict stylize = admission.judge(STYLIZE, over, SERVICE);
        assertThat(stylize.accepted()).isFalse();
        assertThat(stylize.estimatedWait()).isEqualTo(Duration.ofSeconds(32));
        assertThat(stylize.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(admission.judge(SUPER_RESOLVE, over, SERVICE).accepted()).isTrue();
        // A full infer queue does not refuse training.
        assertThat(admission.judge(TRAIN, backlog(10_000, 0, 0, 1, 0, 0), SERVICE).accepted()).isTrue();
    }

    @Test
    void retryAfterIsTheDrainTimeRoundedUpBetweenOneSecondAndTheCap() {
        // 30.5 s over a 30 s bound: 0.5 s to drain, answered as 1 s.
        Map<QueueClass, Duration> halfSeconds = Map.of(SUPER_RESOLVE, Duration.ofMillis(500), STYLIZE,
                Duration.ofMillis(500), TRAIN, Duration.ofMinutes(1));
        assertThat(admission.judge(STYLIZE, backlog(0, 61, 0, 0, 1, 0), halfSeconds).retryAfter())
                .isEqualTo(Duration.ofSeconds(1));
        // 10 000 s of work: capped at 5 minutes.
        assertThat(admission.judge(SUPER_RESOLVE, backlog(5_000, 0, 0, 1, 0, 0), SERVICE).retryAfter())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void serviceTimesAreTheMeanOfTheLastSamplesSeededByTheConfiguredTime() {
        ServiceTimes times = new ServiceTimes(2, SERVICE);
        assertThat(times.means().get(SUPER_RESOLVE)).isEqualTo(Duration.ofSeconds(2));
        times.record(SUPER_RESOLVE, Duration.ofSeconds(10));
        times.record(SUPER_RESOLVE, Duration.ofSeconds(20));
        times.record(SUPER_RESOLVE, Duration.ofSeconds(40)); // pushes the 10 s sample out
        times.record(SUPER_RESOLVE, Duration.ofSeconds(-5)); // a skewed clock: ignored
        assertThat(times.means().get(SUPER_RESOLVE)).isEqualTo(Duration.ofSeconds(30));
        assertThat(times.means().get(STYLIZE)).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> new ServiceTimes(0, SERVICE)).hasMessageContaining("service-time-samples");
    }
}
