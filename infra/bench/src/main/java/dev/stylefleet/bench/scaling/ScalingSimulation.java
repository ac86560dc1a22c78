package dev.stylefleet.bench.scaling;

import java.util.ArrayList;
import java.util.List;

/** temporary */
public final class ScalingSimulation {
    public static void main(String[] args) {
        double[] scales = {Double.parseDouble(args[0])};
        PoolKind kind = args.length > 1 && args[1].equals("cpu") ? StudyAssumptions.cpuPool() : StudyAssumptions.gpuPool();
        System.out.printf("mean service %.3f s%n", kind.service().mean(FleetFigures.mix()));
        for (double scale : scales) {
            long t0 = System.nanoTime();
            ScaleStudy.Outcome o = new ScaleStudy(kind, FleetFigures.mix(), 14).run(scale, StudyAssumptions.steady(),
                    StudyAssumptions.diurnal(), StudyAssumptions.burst());
            for (GridPoint g : o.grid()) {
                System.out.printf("P=%d T=%d steady p50/95/99 %.2f/%.2f/%.2f nh %.1f | burst p95 %.1f max %.1f nh %.1f peakNodes %d%n",
                        g.partitions(), g.lagThreshold(), g.steady().waitSeconds(50), g.steady().waitSeconds(95),
                        g.steady().waitSeconds(99), g.steady().nodeHours(), g.burst().waitSeconds(95), g.burst().maxWaitSeconds(),
                        g.burst().nodeHours(), g.burst().peakNodes());
            }
            System.out.printf("chosen P=%d T=%d diurnal p95 %.2f p99 %.2f nh %.1f jobs %d%n", o.chosen().partitions(),
                    o.chosen().lagThreshold(), o.diurnal().waitSeconds(95), o.diurnal().waitSeconds(99), o.diurnal().nodeHours(),
                    o.diurnal().jobs());
            o.fixed().forEach((k, f) -> System.out.printf("fixed %s N=%d p95 %.2f p99 %.2f nh %.1f%n", k, f.size(),
                    f.result().waitSeconds(95), f.result().waitSeconds(99), f.result().nodeHours()));
            System.out.printf("took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }
}
