package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
    private static final Duration SHORT_RUN = Duration.ofSeconds(2);

    @Test
    void doublesPerDeathInARowUpToTheCap() {
        RestartBackoff b = new RestartBackoff(RestartPolicy.defaults());
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(i -> b.onDeath(SHORT_RUN)))
                .extracting(RestartBackoff.Restart::delay)
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30),
                        Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void countsAttemptsInARow() {
        RestartBackoff b = new RestartBackoff(RestartPolicy.defaults());
        assertThat(b.onDeath(SHORT_RUN).attempt()).isEqualTo(1);
        assertThat(b.onDeath(SHORT_RUN).attempt()).isEqualTo(2);
        assertThat(b.onDeath(SHORT_RUN).attempt()).isEqualTo(3);
    }

    @Test
    void aStableRunStartsTheSequenceAgain() {
        RestartPolicy policy = RestartPolicy.defaults();
        RestartBackoff b = new RestartBackoff(policy);
        b.onDeath(SHORT_RUN);
        b.onDeath(SHORT_RUN);
        b.onDeath(SHORT_RUN);
        assertThat(b.onDeath(policy.stableAfter())).isEqualTo(new RestartBackoff.Restart(1, policy.initialDelay()));
        assertThat(b.onDeath(SHORT_RUN)).isEqualTo(new RestartBackoff.Restart(2, Duration.ofSeconds(2)));
    }

    @Test
    void aRunJustShortOfStableDoesNotReset() {
        RestartPolicy policy = RestartPolicy.defaults();
        RestartBackoff b = new RestartBackoff(policy);
        b.onDeath(SHORT_RUN);
        assertThat(b.onDeath(policy.stableAfter().minusMillis(1)).attempt()).isEqualTo(2);
    }

    @Test
    void aMultiplierOfOneKeepsTheDelayConstant() {
        RestartPolicy constant = new RestartPolicy(true, Duration.ofMillis(500), 1.0, Duration.ofSeconds(5),
                Duration.ofSeconds(10));
        assertThat(constant.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(constant.delay(50)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void hugeAttemptCountsStayAtTheCap() {
        assertThat(RestartPolicy.defaults().delay(Integer.MAX_VALUE)).isEqualTo(RestartPolicy.DEFAULT_MAX_DELAY);
    }

    @Test
    void refusesPoliciesThatCannotBackOff() {
        assertThatThrownBy(() -> new RestartPolicy(true, Duration.ofSeconds(5), 2, Duration.ofSeconds(1),
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestartPolicy(true, Duration.ofSeconds(1), 0.5, Duration.ofSeconds(5),
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestartPolicy(true, Duration.ofSeconds(1), Double.NaN, Duration.ofSeconds(5),
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RestartPolicy.defaults().delay(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
