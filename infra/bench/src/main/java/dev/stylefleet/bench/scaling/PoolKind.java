package dev.stylefleet.bench.scaling;

/**
 * A kind of worker pool: its service times, its cluster, and the p95 queue-wait target its
 * configuration is chosen for.
 */
record PoolKind(String name, ServiceTimeModel service, ClusterSettings cluster, double p95TargetSeconds) {
}
