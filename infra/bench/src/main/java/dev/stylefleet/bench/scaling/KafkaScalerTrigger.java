package dev.stylefleet.bench.scaling;

/**
 * KEDA's Apache Kafka scaler (trigger type {@code kafka}) as it turns consumer lag into the metric the HPA
 * reads and into "active or not". Following KEDA's documentation (keda.sh/docs/2.x/scalers/apache-kafka)
 * and its scaler's {@code getTotalLag} (kedacore/keda, pkg/scalers/kafka_scaler.go):
 * <ul>
 *   <li>the lag of a partition is its latest offset minus the group's committed offset, so a job being
 *       processed (committed only when done: at-least-once) still counts; total lag = the sum over partitions;</li>
 *   <li>unless {@code allowIdleConsumers}, or when {@code limitToPartitionsWithLag}, the total is capped so
 *       that total / lagThreshold (integer division, as in Go) does not exceed the partition count (or the
 *       count of partitions with lag): total := upperBound x lagThreshold. With the HPA's AverageValue target
 *       of lagThreshold this caps the desired replicas at the partitions, since a consumer beyond them would idle;</li>
 *   <li>the trigger is active when the total lag exceeds {@code activationLagThreshold} (default 0).</li>
 * </ul>
 * Defaults in KEDA: lagThreshold 10, activationLagThreshold 0, allowIdleConsumers false, limitToPartitionsWithLag false.
 */
record KafkaScalerTrigger(long lagThreshold, long activationLagThreshold, boolean allowIdleConsumers,
        boolean limitToPartitionsWithLag) {
    static final long DEFAULT_LAG_THRESHOLD = 10;

    KafkaScalerTrigger {
        if (lagThreshold <= 0) {
            throw new IllegalArgumentException("lagThreshold must be positive: " + lagThreshold);
        }
    }

    static KafkaScalerTrigger withLagThreshold(long lagThreshold) {
        return new KafkaScalerTrigger(lagThreshold, 0, false, false);
    }

    /** The metric value KEDA reports to the HPA for this lag. */
    long metric(long totalLag, int partitions, int partitionsWithLag) {
        if (!allowIdleConsumers || limitToPartitionsWithLag) {
            long upperBound = limitToPartitionsWithLag ? partitionsWithLag : partitions;
            if (totalLag / lagThreshold > upperBound) {
                return upperBound * lagThreshold;
            }
        }
        return totalLag;
    }

    boolean isActive(long totalLag) {
        return totalLag > activationLagThreshold;
    }
}
