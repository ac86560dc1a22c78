package dev.stylefleet.bench.scaling;

/**
 * The cluster around the workers.
 *
 * @param podStartSeconds        from a pod placed on a node to its consumer joining the group (image pull,
 *                               JVM start, model warm-up, readiness)
 * @param nodeProvisioningSeconds from a node requested by the cluster autoscaler to a node that takes pods
 * @param nodeUnneededSeconds    how long a node stays empty before the cluster autoscaler removes it
 *                               ({@code --scale-down-unneeded-time}, default 10 min)
 * @param rebalancePauseSeconds  how long a partition that changes owner is not consumed
 * @param pricePerNodeHour       dollars per node-hour (one worker pod per node)
 */
record ClusterSettings(double podStartSeconds, double nodeProvisioningSeconds, double nodeUnneededSeconds,
        double rebalancePauseSeconds, double pricePerNodeHour) {
}
