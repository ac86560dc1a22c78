package dev.stylefleet.bench.scaling;

/**
 * A KEDA ScaledObject with one Kafka trigger over the jobs topic, and the HPA it creates.
 *
 * @param trigger          the Kafka scaler's lag settings
 * @param minReplicaCount  KEDA's minReplicaCount (0 allows scale to zero)
 * @param maxReplicaCount  KEDA's maxReplicaCount (the HPA's maxReplicas)
 * @param pollingInterval  KEDA's activity poll, seconds
 * @param cooldownPeriod   KEDA's wait before scaling to zero, seconds
 * @param hpaSyncPeriod    the HPA controller's sync period, seconds
 * @param tolerance        the HPA's tolerance
 * @param scaleUp          the HPA's scale-up rules
 * @param scaleDown        the HPA's scale-down rules
 */
record AutoscalerSettings(KafkaScalerTrigger trigger, int minReplicaCount, int maxReplicaCount, double pollingInterval,
        double cooldownPeriod, double hpaSyncPeriod, double tolerance, ScalingRules scaleUp, ScalingRules scaleDown) {

    /** KEDA's and the HPA's defaults, with this lag threshold and replica range. */
    static AutoscalerSettings defaults(long lagThreshold, int minReplicaCount, int maxReplicaCount) {
        return new AutoscalerSettings(KafkaScalerTrigger.withLagThreshold(lagThreshold), minReplicaCount, maxReplicaCount,
                ScaledObjectController.DEFAULT_POLLING_INTERVAL, ScaledObjectController.DEFAULT_COOLDOWN_PERIOD,
                HorizontalPodAutoscaler.DEFAULT_SYNC_PERIOD, HorizontalPodAutoscaler.DEFAULT_TOLERANCE,
                ScalingRules.defaultScaleUp(), ScalingRules.defaultScaleDown());
    }

    HorizontalPodAutoscaler newHpa(ScaledObjectController keda) {
        return new HorizontalPodAutoscaler(trigger.lagThreshold(), keda.hpaMinReplicas(), maxReplicaCount, tolerance,
                scaleUp, scaleDown);
    }
}
