package dev.stylefleet.bench.scaling;

import java.util.Map;

/**
 * The measured (CPU) and published (GPU) figures the service times are built from, each named with the
 * table it was read from, and the job mix the simulation assumes. Nothing here is measured by the
 * simulation itself: change a figure here when the benchmark it comes from is re-run.
 */
final class FleetFigures {
    private FleetFigures() {}

    private static final double MS = 1e-3;

    // --- CPU: docs/benchmarks.md ---------------------------------------------------------------------

    /**
     * 512² built-in style, one job's "run" (decode, model, encode), median of the jobs after the first:
     * 456 ms (`warm=none`) and 410 ms (`warm=builtin-styles`), section "Built-in style: first job after a
     * worker start", AMD EPYC Zen 5 (family 26), 2 cores. The mean of the two.
     */
    static final double CPU_STYLE_512_RUN_MS = (456 + 410) / 2.0;

    /**
     * Worker-path medians at batch 1 (256² / 512² / 1024²: 114 / 368 / 1602 ms), section "Inference
     * worker". That table was measured on a 2-core Intel Xeon (Emerald Rapids), not on Zen 5, and the page
     * has no Zen 5 figure at 256² or 1024²: only their ratios to 512² are used, to scale the Zen 5 512² run.
     */
    static final double WORKER_256_MS = 114;
    static final double WORKER_512_MS = 368;
    static final double WORKER_1024_MS = 1602;

    /** sr-x4 at 256² in (1024² out), bare session median, section "Super-resolution speed", AMD EPYC (Zen 5), 2 cores. */
    static final double CPU_SR_X4_MS = 379.8;

    /**
     * Spread of compute time: worker 512² b1 p95 / median = 383 / 368 ms (section "Inference worker").
     */
    static final double COMPUTE_P95 = 383;
    static final double COMPUTE_P50 = 368;

    /**
     * Per-job fetch (model lookup and input): the "load" of the next jobs, 31 ms and 27 ms medians in the
     * two scenarios of "Built-in style: first job after a worker start" (Zen 5); the mean of the two.
     */
    static final double FETCH_MS = (31 + 27) / 2.0;

    /**
     * Result upload to S3 of a 1024² output PNG, p50 116.6 ms / p95 161.0 ms: section "Gateway", row
     * "store: result upload" (a 256² bicubic-x4 job, so a 1024² output).
     */
    static final double STORE_1024_P50_MS = 116.6;
    static final double STORE_1024_P95_MS = 161.0;

    // --- GPU: the paper (Johnson et al. 2016), GTX Titan X ---------------------------------------------

    /** Style network forward time, 256² / 512² / 1024²: 0.015 / 0.05 / 0.21 s (the paper's speed table). */
    static final double GPU_STYLE_256_MS = 15;
    static final double GPU_STYLE_512_MS = 50;
    static final double GPU_STYLE_1024_MS = 210;

    /** The CPU style run at {@code size}: the Zen 5 512² run scaled by the worker-path ratio. */
    static double cpuStyleMs(int side) {
        double worker = switch (side) {
            case 256 -> WORKER_256_MS;
            case 512 -> WORKER_512_MS;
            case 1024 -> WORKER_1024_MS;
            default -> throw new IllegalArgumentException("no figure for " + side);
        };
        return CPU_STYLE_512_RUN_MS * worker / WORKER_512_MS;
    }

    /**
     * The paper gives no super-resolution time: sr-x4 on the GPU is the paper's 1024² style time times the
     * CPU ratio sr-x4 / style 1024² (both produce a 1024² output; the ratio of their CPU times stands in for
     * the ratio of their work).
     */
    static double gpuSrX4Ms() {
        return GPU_STYLE_1024_MS * CPU_SR_X4_MS / cpuStyleMs(1024);
    }

    static ServiceTimeModel cpu() {
        return model("CPU pod (2 cores, Zen 5, measured)", Map.of(
                JobSize.STYLE_256, cpuStyleMs(256) * MS,
                JobSize.STYLE_512, cpuStyleMs(512) * MS,
                JobSize.STYLE_1024, cpuStyleMs(1024) * MS,
                JobSize.SR_X4_256, CPU_SR_X4_MS * MS));
    }

    static ServiceTimeModel gpu() {
        return model("GPU pod (Titan X, paper)", Map.of(
                JobSize.STYLE_256, GPU_STYLE_256_MS * MS,
                JobSize.STYLE_512, GPU_STYLE_512_MS * MS,
                JobSize.STYLE_1024, GPU_STYLE_1024_MS * MS,
                JobSize.SR_X4_256, gpuSrX4Ms() * MS));
    }

    private static ServiceTimeModel model(String name, Map<JobSize, Double> compute) {
        return new ServiceTimeModel(name, compute,
                ServiceTimeModel.sigmaFromP95OverP50(COMPUTE_P95, COMPUTE_P50),
                FETCH_MS * MS, STORE_1024_P50_MS * MS,
                ServiceTimeModel.sigmaFromP95OverP50(STORE_1024_P95_MS, STORE_1024_P50_MS));
    }

    /**
     * The assumed job mix: mostly mid-size stylization, some thumbnails, a tail of large images and
     * upscales. An assumption (the fleet records no production mix); the report states it.
     */
    static JobMix mix() {
        return new JobMix(Map.of(
                JobSize.STYLE_256, 0.30,
                JobSize.STYLE_512, 0.45,
                JobSize.STYLE_1024, 0.15,
                JobSize.SR_X4_256, 0.10));
    }
}
