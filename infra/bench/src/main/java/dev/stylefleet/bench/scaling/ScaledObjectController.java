package dev.stylefleet.bench.scaling;

/**
 * What KEDA's operator itself does with a ScaledObject, besides handing the metric to the HPA: every
 * {@code pollingInterval} (default 30 s) it asks the trigger whether it is active; an active trigger
 * scales a workload at 0 replicas to max(minReplicaCount, 1); an inactive one scales it to 0 once
 * {@code cooldownPeriod} (default 300 s) has passed since the trigger was last active, and only when
 * minReplicaCount is 0. Between 1 and maxReplicaCount the HPA decides (its minReplicas is
 * max(minReplicaCount, 1), its maxReplicas maxReplicaCount). The cooldown applies only to scaling to zero
 * (keda.sh/docs/2.x/reference/scaledobject-spec: pollingInterval, cooldownPeriod, minReplicaCount).
 */
final class ScaledObjectController {
    static final double DEFAULT_POLLING_INTERVAL = 30;
    static final double DEFAULT_COOLDOWN_PERIOD = 300;

    private final int minReplicaCount;
    private final double cooldownPeriod;
    private double lastActive = Double.NEGATIVE_INFINITY;

    ScaledObjectController(int minReplicaCount, double cooldownPeriod) {
        this.minReplicaCount = minReplicaCount;
        this.cooldownPeriod = cooldownPeriod;
    }

    /** The HPA's minReplicas for this ScaledObject. */
    int hpaMinReplicas() {
        return Math.max(minReplicaCount, 1);
    }

    /**
     * One poll at {@code now}: the replicas KEDA sets, or {@code currentReplicas} when it leaves them to the HPA.
     */
    int poll(double now, int currentReplicas, boolean active) {
        if (active) {
            lastActive = now;
            return currentReplicas == 0 ? hpaMinReplicas() : currentReplicas;
        }
        if (currentReplicas > 0 && minReplicaCount == 0 && now - lastActive >= cooldownPeriod) {
            return 0;
        }
        return currentReplicas;
    }
}
