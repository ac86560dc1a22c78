package dev.stylefleet.bench.scaling;

import java.util.function.IntSupplier;

/**
 * One simulation run.
 *
 * @param arrivals        job arrival times
 * @param partitionOfJob  the partition of each arriving job (the key's hash: uniform over the partitions)
 * @param service         busy seconds per job
 * @param partitions      the jobs topic's partition count
 * @param cluster         pod start, node provisioning and removal, rebalance pause, price
 * @param autoscaler      KEDA and the HPA, or null for a fixed pool of {@code initialReplicas}
 * @param initialReplicas pods ready at time 0
 * @param horizonSeconds  the trace's length: nodes are billed up to it; jobs still queued then are served
 *                        (and their waits counted) after it
 * @param sampleSeconds   interval of the time series
 */
record SimulationSetup(ArrivalStream arrivals, IntSupplier partitionOfJob, ServiceSampler service, int partitions,
        ClusterSettings cluster, AutoscalerSettings autoscaler, int initialReplicas, double horizonSeconds,
        double sampleSeconds) {
}
