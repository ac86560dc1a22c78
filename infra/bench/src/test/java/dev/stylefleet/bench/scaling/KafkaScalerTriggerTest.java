package dev.stylefleet.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaScalerTriggerTest {
    private static final int PARTITIONS = 8;

    @Test
    void belowTheCapTheMetricIsTheTotalLag() {
        KafkaScalerTrigger trigger = KafkaScalerTrigger.withLagThreshold(10);
        // 35 jobs of lag: the HPA's AverageValue 10 then wants ceil(35 / 10) = 4 replicas.
        assertThat(trigger.metric(35, PARTITIONS, 5)).isEqualTo(35);
    }

    @Test
    void theMetricIsCappedAtPartitionsTimesThreshold() {
        KafkaScalerTrigger trigger = KafkaScalerTrigger.withLagThreshold(10);
        // 1000 / 10 = 100 > 8 partitions: 8 x 10 = 80, so the HPA wants 8 replicas, one per partition.
        assertThat(trigger.metric(1000, PARTITIONS, 8)).isEqualTo(80);
    }

    @Test
    void theCapComparesByIntegerDivisionAsKedaDoes() {
        KafkaScalerTrigger trigger = KafkaScalerTrigger.withLagThreshold(10);
        // 89 / 10 = 8 in Go's integer division, not above 8: uncapped, and ceil(8.9) = 9 > 8 partitions
        // (the HPA's maxReplicas, set to the partitions, is what holds it to 8).
        assertThat(trigger.metric(89, PARTITIONS, 8)).isEqualTo(89);
        assertThat(trigger.metric(81, PARTITIONS, 8)).isEqualTo(81);
        assertThat(trigger.metric(90, PARTITIONS, 8)).as("90 / 10 = 9 > 8").isEqualTo(80);
    }

    @Test
    void idleConsumersAllowedLiftTheCap() {
        KafkaScalerTrigger trigger = new KafkaScalerTrigger(10, 0, true, false);
        assertThat(trigger.metric(1000, PARTITIONS, 8)).isEqualTo(1000);
    }

    @Test
    void limitToPartitionsWithLagCapsAtThoseEvenWithIdleConsumersAllowed() {
        KafkaScalerTrigger trigger = new KafkaScalerTrigger(10, 0, true, true);
        assertThat(trigger.metric(1000, PARTITIONS, 3)).isEqualTo(30);
    }

    @Test
    void activeAboveTheActivationThreshold() {
        KafkaScalerTrigger byDefault = KafkaScalerTrigger.withLagThreshold(10);
        assertThat(byDefault.isActive(0)).isFalse();
        assertThat(byDefault.isActive(1)).isTrue();
        KafkaScalerTrigger five = new KafkaScalerTrigger(10, 5, false, false);
        assertThat(five.isActive(5)).isFalse();
        assertThat(five.isActive(6)).isTrue();
    }
}
