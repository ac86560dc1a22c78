package dev.stylefleet.bench.scaling;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The generated tables of docs/scaling.md (markdown), from the studies' outcomes. */
final class ScalingReport {
    private ScalingReport() {}

    static String scale(double scale) {
        return scale == Math.rint(scale) ? String.valueOf((long) scale) : String.valueOf(scale);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** A wait in seconds, to a precision that suits it. */
    static String s(double seconds) {
        if (seconds < 10) {
            return f("%.2f", seconds);
        }
        return f("%.0f", seconds);
    }

    private static String waits(SimulationResult r) {
        return s(r.waitSeconds(50)) + " / " + s(r.waitSeconds(95)) + " / " + s(r.waitSeconds(99));
    }

    static String serviceTimes(JobMix mix, List<PoolKind> kinds) {
        StringBuilder b = new StringBuilder();
        b.append("| job | share |");
        kinds.forEach(k -> b.append(' ').append(k.name()).append(" compute median (ms) |"));
        b.append('\n').append("|---|---|");
        kinds.forEach(k -> b.append("---|"));
        b.append('\n');
        for (Map.Entry<JobSize, Double> e : mix.shares().entrySet()) {
            b.append(f("| %s | %.0f %% |", e.getKey().label(), e.getValue() * 100));
            for (PoolKind k : kinds) {
                b.append(f(" %.1f |", k.service().computeMedianSeconds().get(e.getKey()) * 1000));
            }
            b.append('\n');
        }
        b.append("| **mean busy time per job of the mix** (compute + fetch + store) | |");
        kinds.forEach(k -> b.append(f(" **%.0f ms** |", k.service().mean(mix) * 1000)));
        b.append('\n');
        return b.toString();
    }

    /** The headline: per scale, the chosen configuration, its waits on the three traces, and cost against fixed pools. */
    static String headline(List<ScaleStudy.Outcome> outcomes) {
        StringBuilder b = new StringBuilder();
        b.append("| pool | scale | mean jobs/s | partitions | lagThreshold | steady wait p50 / p95 / p99 (s) "
                + "| diurnal wait p50 / p95 / p99 (s) | burst wait p50 / p95 / p99 / max (s) "
                + "| day: node-hours autoscaled / fixed (pool) | day: cost autoscaled / fixed "
                + "| burst 2 h: node-hours autoscaled / fixed (pool) | burst 2 h: cost autoscaled / fixed |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScaleStudy.Outcome o : outcomes) {
            GridPoint c = o.chosen();
            SimulationResult burst = c.burst();
            ScaleStudy.FixedPool day = o.fixed().get("diurnal");
            ScaleStudy.FixedPool peak = o.fixed().get("burst");
            double price = o.kind().cluster().pricePerNodeHour();
            b.append(f("| %s | %sx | %s | %d | %d | %s | %s | %s / %s | %,.0f / %,.0f (%d) | $%,.0f / $%,.0f "
                    + "| %,.0f / %,.0f (%d) | $%,.0f / $%,.0f |\n",
                    o.kind().name(), scale(o.scale()), scale(o.scale() * StudyAssumptions.BASELINE_JOBS_PER_SECOND), c.partitions(),
                    c.lagThreshold(), waits(c.steady()), waits(o.diurnal()), waits(burst), s(burst.maxWaitSeconds()),
                    o.diurnal().nodeHours(), day.result().nodeHours(), day.size(), o.diurnal().nodeHours() * price,
                    day.result().nodeHours() * price, burst.nodeHours(), peak.result().nodeHours(), peak.size(),
                    burst.nodeHours() * price, peak.result().nodeHours() * price));
        }
        return b.toString();
    }

    static String fixedPools(List<ScaleStudy.Outcome> outcomes) {
        StringBuilder b = new StringBuilder();
        b.append("| pool | scale | trace | pods = partitions | wait p50 / p95 / p99 / max (s) | node-hours |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (ScaleStudy.Outcome o : outcomes) {
            o.fixed().forEach((trace, pool) -> b.append(f("| %s | %sx | %s | %d | %s / %s | %.0f |\n", o.kind().name(),
                    scale(o.scale()), trace, pool.size(), waits(pool.result()), s(pool.result().maxWaitSeconds()),
                    pool.result().nodeHours())));
        }
        return b.toString();
    }

    static String grid(ScaleStudy.Outcome o) {
        StringBuilder b = new StringBuilder();
        b.append("| partitions | lagThreshold | steady wait p50 / p95 / p99 (s) | burst wait p50 / p75 / p90 / p95 / max (s) | peak nodes (burst) "
                + "| node-hours (steady + burst) | meets targets |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (GridPoint g : o.grid()) {
            boolean meets = g.steady().waitSeconds(95) <= o.kind().p95TargetSeconds()
                    && g.burst().waitSeconds(75) <= ScaleStudy.BURST_P75_WAIT_SECONDS;
            String mark = g == o.chosen() ? "**chosen**" : meets ? "yes" : "no";
            SimulationResult burst = g.burst();
            b.append(f("| %d | %d | %s | %s / %s / %s / %s / %s | %d | %.1f | %s |\n", g.partitions(), g.lagThreshold(),
                    waits(g.steady()), s(burst.waitSeconds(50)), s(burst.waitSeconds(75)), s(burst.waitSeconds(90)),
                    s(burst.waitSeconds(95)), s(burst.maxWaitSeconds()), burst.peakNodes(), g.nodeHours(), mark));
        }
        return b.toString();
    }
}
