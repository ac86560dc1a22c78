package dev.stylefleet.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ArrivalTraceTest {

    @Test
    void diurnalPeakIsThreeTimesTheTroughAroundTheMean() {
        DiurnalTrace day = new DiurnalTrace(1, 3, 86_400, 86_400);
        assertThat(day.rateAt(0)).isCloseTo(0.5, within(1e-12));
        assertThat(day.rateAt(43_200)).isCloseTo(1.5, within(1e-12));
        assertThat(day.peakRate()).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void burstIsTenTimesForItsWindow() {
        BurstTrace burst = new BurstTrace(2, 10, 1800, 900, 7200);
        assertThat(burst.rateAt(1799)).isEqualTo(2);
        assertThat(burst.rateAt(1800)).isEqualTo(20);
        assertThat(burst.rateAt(2699)).isEqualTo(20);
        assertThat(burst.rateAt(2700)).isEqualTo(2);
        assertThat(burst.meanRate()).isCloseTo(2 * (7200 + 9 * 900) / 7200.0, within(1e-12));
        assertThat(burst.scaled(100).peakRate()).isEqualTo(2000);
    }

    @Test
    void arrivalsFollowTheRateAndRepeatWithTheSeed() {
        ArrivalTrace burst = new BurstTrace(5, 10, 600, 300, 1800);
        long n = count(new ArrivalProcess(burst, 7));
        double expected = burst.meanRate() * burst.durationSeconds();
        assertThat((double) n).as("within 4 standard deviations of %s", expected).isCloseTo(expected, within(4 * Math.sqrt(expected)));
        assertThat(count(new ArrivalProcess(burst, 7))).isEqualTo(n);
        assertThat(count(new ArrivalProcess(burst, 8))).isNotEqualTo(n);
    }

    private static long count(ArrivalStream stream) {
        long n = 0;
        while (stream.next() != Double.POSITIVE_INFINITY) {
            n++;
        }
        return n;
    }
}
