package dev.stylefleet.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HorizontalPodAutoscalerTest {

    @Test
    void proposalIsCeilOfMetricOverTargetOutsideTheTolerance() {
        HorizontalPodAutoscaler hpa = HorizontalPodAutoscaler.withDefaults(10, 1, 100);
        // 4 replicas, target 10 per replica: usage ratio = metric / 40.
        assertThat(hpa.proposal(4, 42)).as("ratio 1.05, within 0.1").isEqualTo(4);
        assertThat(hpa.proposal(4, 43)).as("ratio 1.075, within 0.1").isEqualTo(4);
        assertThat(hpa.proposal(4, 45)).as("ratio 1.125: ceil(4.5)").isEqualTo(5);
        assertThat(hpa.proposal(4, 36)).as("ratio 0.9, within 0.1").isEqualTo(4);
        assertThat(hpa.proposal(4, 30)).as("ratio 0.75: ceil(3.0)").isEqualTo(3);
        assertThat(hpa.proposal(4, 31)).as("ratio 0.775: ceil(3.1)").isEqualTo(4);
    }

    @Test
    void scaleUpIsLimitedToTheLargerOfDoublingAndFourPodsPer15Seconds() {
        HorizontalPodAutoscaler hpa = HorizontalPodAutoscaler.withDefaults(10, 1, 100);
        // From 1: max(ceil(1 x 2) = 2, 1 + 4 = 5) = 5, though the metric asks for 100.
        assertThat(hpa.reconcile(0, 1, 1000)).isEqualTo(5);
        // 10 s later the +4 of t=0 is inside the 15 s period: the period started at 1, so still 5.
        assertThat(hpa.reconcile(10, 5, 1000)).isEqualTo(5);
        // At t=15 the t=0 change is out of the period (events count when strictly newer than now - 15):
        // from 5: max(10, 9) = 10.
        assertThat(hpa.reconcile(15, 5, 1000)).isEqualTo(10);
        // t=30: from 10: max(20, 14) = 20.
        assertThat(hpa.reconcile(30, 10, 1000)).isEqualTo(20);
    }

    @Test
    void scaleDownWaitsOutThe300SecondStabilisationWindowThenDropsAtOnce() {
        HorizontalPodAutoscaler hpa = HorizontalPodAutoscaler.withDefaults(10, 1, 100);
        assertThat(hpa.reconcile(0, 10, 100)).isEqualTo(10);
        for (int t = 15; t < 300; t += 15) {
            assertThat(hpa.reconcile(t, 10, 20)).as("t=%d: the proposal of 10 at t=0 is inside the window", t).isEqualTo(10);
        }
        // At t=300 the t=0 proposal is at the cutoff (not newer): the window holds only 2s, and 100 % per
        // 15 s allows the whole drop.
        assertThat(hpa.reconcile(300, 10, 20)).isEqualTo(2);
    }

    @Test
    void scaleDownRatePolicyOfOnePodPerMinute() {
        ScalingRules down = new ScalingRules(0, List.of(ScalingPolicy.pods(1, 60)), ScalingRules.SelectPolicy.MAX);
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler(10, 1, 100, 0.1, ScalingRules.defaultScaleUp(), down);
        assertThat(hpa.reconcile(0, 10, 20)).isEqualTo(9);
        assertThat(hpa.reconcile(15, 9, 20)).as("the period started at 10").isEqualTo(9);
        assertThat(hpa.reconcile(60, 9, 20)).as("t=0's change is out of the 60 s period").isEqualTo(8);
    }

    @Test
    void selectPolicyMinTakesTheSmallerScaleUp() {
        ScalingRules up = new ScalingRules(0, List.of(ScalingPolicy.percent(100, 15), ScalingPolicy.pods(4, 15)),
                ScalingRules.SelectPolicy.MIN);
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler(10, 1, 100, 0.1, up, ScalingRules.defaultScaleDown());
        assertThat(hpa.reconcile(0, 10, 1000)).as("min(20, 14)").isEqualTo(14);
    }

    @Test
    void scaleUpStabilisationTakesTheLowestProposalInItsWindow() {
        ScalingRules up = new ScalingRules(60, List.of(ScalingPolicy.percent(100, 15)), ScalingRules.SelectPolicy.MAX);
        HorizontalPodAutoscaler hpa = new HorizontalPodAutoscaler(10, 1, 100, 0.1, up, ScalingRules.defaultScaleDown());
        assertThat(hpa.reconcile(0, 2, 20)).isEqualTo(2);
        assertThat(hpa.reconcile(15, 2, 80)).as("lowest of 2 and 8 within 60 s").isEqualTo(2);
        assertThat(hpa.reconcile(60, 2, 80)).as("t=0 out of the window: lowest of 8, 8").isEqualTo(4);
    }

    @Test
    void maxReplicasAndZeroReplicas() {
        HorizontalPodAutoscaler hpa = HorizontalPodAutoscaler.withDefaults(10, 1, 8);
        assertThat(hpa.reconcile(0, 6, 1000)).isEqualTo(8);
        assertThat(hpa.reconcile(15, 0, 1000)).as("at 0 replicas KEDA, not the HPA, scales").isZero();
    }
}
