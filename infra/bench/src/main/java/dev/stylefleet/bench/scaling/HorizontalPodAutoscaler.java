package dev.stylefleet.bench.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * The HPA controller's decision for one external metric with an AverageValue target, as Kubernetes'
 * horizontal pod autoscaler computes it each sync period ({@code --horizontal-pod-autoscaler-sync-period},
 * default 15 s). Followed: the algorithm on kubernetes.io (tasks/run-application/horizontal-pod-autoscale,
 * "Algorithm details", "Stabilization window", "Scaling policies") and the controller's code
 * (kubernetes/kubernetes, pkg/controller/podautoscaler/horizontal.go and replica_calculator.go):
 * <ol>
 *   <li>usage ratio = metric / (target x current replicas); within the tolerance (0.1) of 1 the proposal is
 *       the current count, else ceil(metric / target);</li>
 *   <li>stabilisation: the proposal is recorded; the recommendation is the current count raised to the
 *       lowest proposal inside the scale-up window and lowered to the highest inside the scale-down window
 *       (so with the default 300 s down window a drop takes effect only after 300 s of lower proposals);</li>
 *   <li>rate limits: from the replicas at the start of each policy's period (current minus the changes this
 *       controller made inside it), the policies give the furthest count allowed; then min/max replicas;</li>
 *   <li>at 0 replicas the HPA does nothing (KEDA scales from zero: {@link ScaledObjectController}).</li>
 * </ol>
 */
final class HorizontalPodAutoscaler {
    static final double DEFAULT_SYNC_PERIOD = 15;
    static final double DEFAULT_TOLERANCE = 0.1;

    private record Sample(double time, int value) {}

    private final double target;
    private final int minReplicas;
    private final int maxReplicas;
    private final double tolerance;
    private final ScalingRules scaleUp;
    private final ScalingRules scaleDown;
    private final List<Sample> recommendations = new ArrayList<>();
    private final List<Sample> scaleUpEvents = new ArrayList<>();
    private final List<Sample> scaleDownEvents = new ArrayList<>();

    HorizontalPodAutoscaler(double target, int minReplicas, int maxReplicas, double tolerance, ScalingRules scaleUp,
            ScalingRules scaleDown) {
        this.target = target;
        this.minReplicas = minReplicas;
        this.maxReplicas = maxReplicas;
        this.tolerance = tolerance;
        this.scaleUp = scaleUp;
        this.scaleDown = scaleDown;
    }

    /** An HPA with Kubernetes' default tolerance and behaviour. */
    static HorizontalPodAutoscaler withDefaults(double target, int minReplicas, int maxReplicas) {
        return new HorizontalPodAutoscaler(target, minReplicas, maxReplicas, DEFAULT_TOLERANCE,
                ScalingRules.defaultScaleUp(), ScalingRules.defaultScaleDown());
    }

    /** The proposal from the metric alone (step 1). */
    int proposal(int currentReplicas, double metric) {
        double usageRatio = metric / (target * currentReplicas);
        if (Math.abs(1.0 - usageRatio) <= tolerance) {
            return currentReplicas;
        }
        return (int) Math.ceil(metric / target);
    }

    /** One sync at {@code now}: the replicas to set, with the change recorded for later rate limits. */
    int reconcile(double now, int currentReplicas, double metric) {
        if (currentReplicas == 0) {
            return 0;
        }
        int desired;
        if (currentReplicas > maxReplicas) {
            desired = maxReplicas;
        } else if (currentReplicas < minReplicas) {
            desired = minReplicas;
        } else {
            int stabilized = stabilize(now, currentReplicas, proposal(currentReplicas, metric));
            desired = limitRate(now, currentReplicas, stabilized);
        }
        if (desired > currentReplicas) {
            scaleUpEvents.add(new Sample(now, desired - currentReplicas));
        } else if (desired < currentReplicas) {
            scaleDownEvents.add(new Sample(now, currentReplicas - desired));
        }
        return desired;
    }

    private int stabilize(double now, int currentReplicas, int proposal) {
        double upCutoff = now - scaleUp.stabilizationWindowSeconds();
        double downCutoff = now - scaleDown.stabilizationWindowSeconds();
        int up = proposal;
        int down = proposal;
        for (Sample rec : recommendations) {
            if (rec.time() > upCutoff) {
                up = Math.min(up, rec.value());
            }
            if (rec.time() > downCutoff) {
                down = Math.max(down, rec.value());
            }
        }
        double oldest = Math.min(upCutoff, downCutoff);
        recommendations.removeIf(rec -> rec.time() < oldest);
        recommendations.add(new Sample(now, proposal));
        int recommendation = currentReplicas;
        if (recommendation < up) {
            recommendation = up;
        }
        if (recommendation > down) {
            recommendation = down;
        }
        return recommendation;
    }

    private int limitRate(double now, int currentReplicas, int desired) {
        if (desired > currentReplicas) {
            int limit = Math.max(scaleUpLimit(now, currentReplicas), currentReplicas);
            return Math.min(desired, Math.min(maxReplicas, limit));
        }
        if (desired < currentReplicas) {
            int limit = Math.min(scaleDownLimit(now, currentReplicas), currentReplicas);
            return Math.max(desired, Math.max(minReplicas, limit));
        }
        return desired;
    }

    private int periodStartReplicas(double now, int currentReplicas, double period) {
        return currentReplicas - changesWithin(now, period, scaleUpEvents) + changesWithin(now, period, scaleDownEvents);
    }

    private static int changesWithin(double now, double period, List<Sample> events) {
        int sum = 0;
        for (Sample e : events) {
            if (e.time() > now - period) {
                sum += e.value();
            }
        }
        return sum;
    }

    private int scaleUpLimit(double now, int currentReplicas) {
        prune(now);
        if (scaleUp.selectPolicy() == ScalingRules.SelectPolicy.DISABLED) {
            return currentReplicas;
        }
        boolean max = scaleUp.selectPolicy() == ScalingRules.SelectPolicy.MAX;
        int result = max ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (ScalingPolicy policy : scaleUp.policies()) {
            int start = periodStartReplicas(now, currentReplicas, policy.periodSeconds());
            int proposed = policy.type() == ScalingPolicy.Type.PODS
                    ? start + policy.value()
                    : (int) Math.ceil(start * (1 + policy.value() / 100.0));
            result = max ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return result;
    }

    private int scaleDownLimit(double now, int currentReplicas) {
        prune(now);
        if (scaleDown.selectPolicy() == ScalingRules.SelectPolicy.DISABLED) {
            return currentReplicas;
        }
        // For scale-down "Max" means the policy allowing the biggest change: the lowest limit.
        boolean max = scaleDown.selectPolicy() == ScalingRules.SelectPolicy.MAX;
        int result = max ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (ScalingPolicy policy : scaleDown.policies()) {
            int start = periodStartReplicas(now, currentReplicas, policy.periodSeconds());
            int proposed = policy.type() == ScalingPolicy.Type.PODS
                    ? start - policy.value()
                    : (int) (start * (1 - policy.value() / 100.0));
            result = max ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return result;
    }

    private void prune(double now) {
        double horizon = Math.max(scaleUp.longestPeriod(), scaleDown.longestPeriod());
        scaleUpEvents.removeIf(e -> e.time() <= now - horizon);
        scaleDownEvents.removeIf(e -> e.time() <= now - horizon);
    }
}
