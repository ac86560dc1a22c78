package dev.stylefleet.cli.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleReportTest {
    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    @Test
    void theLongestGapCountsGapsThatOverlapTheWindowOnly() {
        List<Instant> done = List.of(at(0), at(1), at(9), at(10), at(10.5), at(20), at(21));
        // Window [9.5, 12]: the gaps 9-10, 10-10.5 and 10.5-20 overlap it; 1-9 ends before it.
        assertThat(ScaleReport.longestGap(done, at(9.5), at(12))).isEqualTo(Duration.ofMillis(9500));
        // Window [2, 3] lies inside the gap 1-9.
        assertThat(ScaleReport.longestGap(done, at(2), at(3))).isEqualTo(Duration.ofSeconds(8));
        assertThat(ScaleReport.longestGap(List.of(at(5)), at(0), at(10))).isEqualTo(Duration.ZERO);
    }

    @Test
    void latencyQuantilesAreNearestRank() {
        List<Duration> sorted = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).stream().map(Duration::ofMillis).toList();
        ScaleReport.PhaseFigures p = new ScaleReport.PhaseFigures("1 worker", 1, Duration.ofSeconds(2), 10,
                Duration.ofMillis(500), sorted);
        assertThat(p.latency(0.5)).isEqualTo(Duration.ofMillis(5));
        assertThat(p.latency(0.95)).isEqualTo(Duration.ofMillis(10));
        assertThat(p.jobsPerSecond()).isEqualTo(5.0);
        assertThat(p.cpuMsPerJob()).isEqualTo(50.0);
        assertThat(new ScaleReport.PhaseFigures("x", 1, Duration.ofSeconds(1), 0, Duration.ZERO, List.of())
                .latency(0.5)).isNull();
    }
}
