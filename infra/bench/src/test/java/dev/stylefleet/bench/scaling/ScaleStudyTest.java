package dev.stylefleet.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaleStudyTest {
    private static final ArrivalTrace SHORT_BURST = new BurstTrace(5, 10, 300, 120, 900);

    @Test
    void theSameSeedGivesTheSameRun() {
        SimulationResult a = run(14);
        SimulationResult b = run(14);
        assertThat(b.jobs()).isEqualTo(a.jobs());
        assertThat(b.waitMicros()).isEqualTo(a.waitMicros());
        assertThat(b.nodeHours()).isEqualTo(a.nodeHours());
        assertThat(b.series()).isEqualTo(a.series());
        assertThat(run(15).waitMicros()).isNotEqualTo(a.waitMicros());
    }

    @Test
    void theMeasuredFiguresGiveTheServiceTimesTheDocsState() {
        JobMix mix = FleetFigures.mix();
        // 30 % x 15 + 45 % x 50 + 15 % x 210 + 10 % x sr-x4 ms of GPU compute, plus fetch and store.
        assertThat(FleetFigures.gpu().computeMedianSeconds().get(JobSize.STYLE_512)).isEqualTo(0.050);
        assertThat(FleetFigures.cpu().computeMedianSeconds().get(JobSize.STYLE_512)).isEqualTo(0.433);
        assertThat(FleetFigures.cpu().mean(mix)).isGreaterThan(FleetFigures.gpu().mean(mix) * 3);
    }

    private static SimulationResult run(long seed) {
        ScaleStudy study = new ScaleStudy(StudyAssumptions.gpuPool(), FleetFigures.mix(), seed);
        return study.autoscaled(SHORT_BURST, 8, 2);
    }
}
