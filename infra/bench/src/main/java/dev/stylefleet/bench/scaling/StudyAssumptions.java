package dev.stylefleet.bench.scaling;

/**
 * The stated inputs of docs/scaling.md that are assumptions rather than measurements: the baseline load,
 * the traces' shapes, the clusters' delays and prices, the wait targets. The report prints each.
 */
final class StudyAssumptions {
    private StudyAssumptions() {}

    /** 1x load: one job per second on average (86,400 jobs a day) of the {@link FleetFigures#mix()}. */
    static final double BASELINE_JOBS_PER_SECOND = 1.0;

    static final double HOUR = 3600;
    static final double DAY = 24 * HOUR;

    /** Steady: one hour of Poisson arrivals at the baseline rate. */
    static ArrivalTrace steady() {
        return new SteadyTrace(BASELINE_JOBS_PER_SECOND, HOUR);
    }

    /** Diurnal: one day, mean = baseline, peak three times the trough (trough at midnight, peak at noon). */
    static final double DIURNAL_PEAK_TO_TROUGH = 3;

    static ArrivalTrace diurnal() {
        return new DiurnalTrace(BASELINE_JOBS_PER_SECOND, DIURNAL_PEAK_TO_TROUGH, DAY, DAY);
    }

    /** Burst: two hours at the baseline with 15 minutes at 10x starting at minute 30. */
    static final double BURST_FACTOR = 10;
    static final double BURST_START = 30 * 60;
    static final double BURST_SECONDS = 15 * 60;
    static final double BURST_TRACE_SECONDS = 2 * HOUR;

    static ArrivalTrace burst() {
        return new BurstTrace(BASELINE_JOBS_PER_SECOND, BURST_FACTOR, BURST_START, BURST_SECONDS, BURST_TRACE_SECONDS);
    }

    /**
     * Pod start: the worker's measured start to ready with warming (12.7 s: "start (publish + warm)" in
     * docs/benchmarks.md, "Built-in style: first job after a worker start", Zen 5) plus the JVM start it
     * does not include, an image pull from a node-local registry mirror, and the readiness probe's period:
     * assumed 30 s in all.
     */
    static final double POD_START_SECONDS = 30;

    /** A new GPU node: assumed 180 s from request to schedulable (cloud VM boot, GPU driver, device plugin); typical 2-5 min. */
    static final double GPU_NODE_PROVISIONING_SECONDS = 180;

    /** The cluster autoscaler's default {@code --scale-down-unneeded-time} (10 min). */
    static final double NODE_UNNEEDED_SECONDS = 600;

    /**
     * How long a partition that changes owner is not consumed: assumed 2 s (the new owner's fetch after the
     * old owner's revocation and commit). Issue #14's protocol measurement (docs/benchmarks.md) gives the
     * figure for this fleet's broker.
     */
    static final double REBALANCE_PAUSE_SECONDS = 2;

    /** Dollars per GPU-hour: an on-demand single-GPU cloud VM, roughly $1-4/h; assumed $2.50. */
    static final double GPU_DOLLARS_PER_HOUR = 2.50;

    /**
     * A 2-vCPU pod on an existing CPU node pool: no node provisioning (the pool has headroom), billed per pod
     * at 2 x $0.04 per vCPU-hour (assumed).
     */
    static final double CPU_POD_DOLLARS_PER_HOUR = 0.08;

    /** p95 queue-wait target on the steady trace: GPU pool. */
    static final double GPU_P95_TARGET_SECONDS = 2;

    /** p95 queue-wait target on the steady trace: CPU pool (jobs take about 5x longer there). */
    static final double CPU_P95_TARGET_SECONDS = 5;

    static PoolKind gpuPool() {
        return new PoolKind("GPU", FleetFigures.gpu(), new ClusterSettings(POD_START_SECONDS, GPU_NODE_PROVISIONING_SECONDS,
                NODE_UNNEEDED_SECONDS, REBALANCE_PAUSE_SECONDS, GPU_DOLLARS_PER_HOUR), GPU_P95_TARGET_SECONDS);
    }

    static PoolKind cpuPool() {
        return new PoolKind("CPU", FleetFigures.cpu(), new ClusterSettings(POD_START_SECONDS, 0, 0, REBALANCE_PAUSE_SECONDS,
                CPU_POD_DOLLARS_PER_HOUR), CPU_P95_TARGET_SECONDS);
    }
}
