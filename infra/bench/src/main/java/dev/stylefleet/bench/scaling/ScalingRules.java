package dev.stylefleet.bench.scaling;

import java.util.List;

/**
 * The HPA's rules for one direction ({@code HPAScalingRules}): a stabilisation window and rate policies,
 * of which {@code selectPolicy} Max picks the one allowing the largest change and Min the smallest. The
 * Kubernetes defaults (autoscaling/v2 API reference, HorizontalPodAutoscalerBehavior): scale-up with no
 * stabilisation and the larger of 100 % or 4 pods per 15 s; scale-down with a 300 s window and 100 % per 15 s.
 */
record ScalingRules(double stabilizationWindowSeconds, List<ScalingPolicy> policies, SelectPolicy selectPolicy) {
    enum SelectPolicy { MAX, MIN, DISABLED }

    static final double DEFAULT_PERIOD = 15;

    ScalingRules {
        policies = List.copyOf(policies);
    }

    static ScalingRules defaultScaleUp() {
        return new ScalingRules(0, List.of(ScalingPolicy.percent(100, DEFAULT_PERIOD), ScalingPolicy.pods(4, DEFAULT_PERIOD)),
                SelectPolicy.MAX);
    }

    static ScalingRules defaultScaleDown() {
        return new ScalingRules(300, List.of(ScalingPolicy.percent(100, DEFAULT_PERIOD)), SelectPolicy.MAX);
    }

    double longestPeriod() {
        return policies.stream().mapToDouble(ScalingPolicy::periodSeconds).max().orElse(0);
    }
}
