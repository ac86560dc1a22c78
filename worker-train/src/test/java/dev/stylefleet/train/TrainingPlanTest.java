package dev.stylefleet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.schemas.TrainParams;
import org.junit.jupiter.api.Test;

class TrainingPlanTest {

    @Test
    void defaultsAreThePapers() {
        TrainingPlan style = TrainingPlan.of(TrainingPlan.Task.STYLE, null);
        assertThat(style.arch().name()).isEqualTo("style");
        assertThat(style.iterations()).isEqualTo(40_000);
        assertThat(style.batchSize()).isEqualTo(4);
        assertThat(style.imageSize()).isEqualTo(256);
        assertThat(style.learningRate()).isEqualTo(1e-3);
        assertThat(style.needsLossNetwork()).isTrue();

        TrainingPlan sr = TrainingPlan.of(TrainingPlan.Task.SUPER_RESOLVE, null);
        assertThat(sr.arch().name()).isEqualTo("sr4");
        assertThat(sr.scale()).isEqualTo(4);
        assertThat(sr.imageSize()).isEqualTo(288);
        assertThat(sr.srLoss()).isEqualTo(TrainingPlan.SrLoss.FEATURE);
        TrainingPlan sr8 = TrainingPlan.of(TrainingPlan.Task.SUPER_RESOLVE, TrainerTest.params(null, null, 8, "pixel",
                10, 4, 288, null));
        assertThat(sr8.arch().name()).isEqualTo("sr8");
        assertThat(sr8.needsLossNetwork()).isFalse();
    }

    @Test
    void badCombinationsNameTheParameter() {
        assertThatThrownBy(() -> TrainingPlan.of(TrainingPlan.Task.SUPER_RESOLVE,
                TrainerTest.params("sr8", null, 4, null, 10, 4, 288, null)))
                .hasMessageContaining("params.arch 'sr8' upscales x8 but params.scale is 4");
        assertThatThrownBy(() -> TrainingPlan.of(TrainingPlan.Task.SUPER_RESOLVE,
                TrainerTest.params(null, null, 8, null, 10, 4, 100, null)))
                .hasMessageContaining("params.imageSize must be a multiple of params.scale (8)");
        assertThatThrownBy(() -> TrainingPlan.of(TrainingPlan.Task.STYLE,
                TrainerTest.params("sr4", null, null, null, 10, 4, 64, null)))
                .hasMessageContaining("scale 1");
        assertThatThrownBy(() -> TrainingPlan.of(TrainingPlan.Task.STYLE,
                new TrainParams(null, "group", null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, null,
                null, null, null, null, null, null)))
                .hasMessageContaining("norm must be one of batch, instance");
    }
}
