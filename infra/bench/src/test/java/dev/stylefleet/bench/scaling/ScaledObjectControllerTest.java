package dev.stylefleet.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaledObjectControllerTest {

    @Test
    void anActiveTriggerScalesFromZeroToOne() {
        ScaledObjectController keda = new ScaledObjectController(0, 300);
        assertThat(keda.poll(0, 0, true)).isEqualTo(1);
    }

    @Test
    void scalesToZeroOnlyAfterTheCooldownSinceLastActive() {
        ScaledObjectController keda = new ScaledObjectController(0, 300);
        assertThat(keda.poll(0, 3, true)).as("active: the HPA decides").isEqualTo(3);
        assertThat(keda.poll(30, 3, false)).isEqualTo(3);
        assertThat(keda.poll(270, 3, false)).isEqualTo(3);
        assertThat(keda.poll(300, 3, false)).as("300 s after the last active poll").isZero();
    }

    @Test
    void activityRestartsTheCooldown() {
        ScaledObjectController keda = new ScaledObjectController(0, 300);
        keda.poll(0, 1, true);
        keda.poll(200, 1, true);
        assertThat(keda.poll(300, 1, false)).isEqualTo(1);
        assertThat(keda.poll(500, 1, false)).isZero();
    }

    @Test
    void neverToZeroWithAMinimumOfOne() {
        ScaledObjectController keda = new ScaledObjectController(1, 300);
        assertThat(keda.poll(10_000, 1, false)).isEqualTo(1);
        assertThat(keda.hpaMinReplicas()).isEqualTo(1);
        assertThat(new ScaledObjectController(0, 300).hpaMinReplicas()).as("the HPA's floor is 1").isEqualTo(1);
    }
}
