package dev.stylefleet.cli.overload;

import dev.stylefleet.bench.CpuInfo;
import dev.stylefleet.cli.faults.FaultSuiteCommand;
import dev.stylefleet.cli.scale.JobLoad;
import dev.stylefleet.cli.scale.JobMix;
import dev.stylefleet.cli.scale.ScaleHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Overload on the real system ({@link ScaleHarness}: embedded broker and S3 server, the gateway, one
 * inference worker): first the fleet's capacity, as the SUCCEEDED jobs per second with clients that keep
 * it saturated; then, on a fresh fleet each, submissions offered open loop at {@code --factor} times that
 * capacity by clients that do not back off for {@code --hold} seconds with admission control off and on. Prints, per mode, the offered
 * rate, the refusal rate (429 OVERLOADED), the accepted jobs' latency (202 to terminal event) p50/p95/max,
 * and the throughput, as the rows of docs/reliability.md, "Overload and admission control".
 *
 * <pre>
 * --factor F       offered load as a multiple of the capacity (default 2)
 * --hold S         seconds of offered load per mode (default 60)
 * --measure S      seconds over which the capacity is counted, after as many of warm-up (default 20)
 * --max-wait S     stylefleet.admission.max-wait.super-resolve of the "on" run, in seconds (default 5)
 * --clients N      submitting threads of the offered load (default 16)
 * --write FILE     put the table into FILE's section "## Overload and admission control", sub-section
 *                  "### Measured at 2× capacity" (the rest of that section is prose kept as it is)
 * </pre>
 */
public final class OverloadBenchmark {
    static final String COMMAND = "./mvnw -q -pl infra/cli -am package -DskipTests && java -cp "
            + "\"infra/cli/target/test-classes:infra/cli/target/classes:$(cat infra/cli/target/test-classpath.txt)\" "
            + OverloadBenchmark.class.getName();
    /**
     * Clients that keep one worker saturated while the capacity is counted (closed loop): many more than
     * its slots, so that a job is always queued behind the running ones (with 16, each client's wait for
     * its own job's event left the worker idle between jobs: 16 jobs/s measured, 21+ sustained).
     */
    static final int CAPACITY_CLIENTS = 64;
    /** A closed-loop client's longest wait for its job before it submits the next. */
    static final Duration CAPACITY_JOB_TIMEOUT = Duration.ofSeconds(60);
    /** How long the accepted jobs of a run may take to end after the load stops. */
    static final Duration DRAIN = Duration.ofMinutes(10);
    static final String MAX_WAIT_KEY = "stylefleet.admission.max-wait.super-resolve";
    static final String ENABLED_KEY = "stylefleet.admission.enabled";

    private OverloadBenchmark() {}

    public static void main(String[] args) throws Exception {
        double factor = 2;
        int hold = 60;
        int measure = 20;
        int maxWait = 5;
        int clients = 16;
        Path write = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--factor" -> factor = Double.parseDouble(args[++i]);
                case "--hold" -> hold = Integer.parseInt(args[++i]);
                case "--measure" -> measure = Integer.parseInt(args[++i]);
                case "--max-wait" -> maxWait = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--write" -> write = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: " + COMMAND
                        + " [--factor F] [--hold S] [--measure S] [--max-wait S] [--clients N] [--write FILE]; not " + args[i]);
            }
        }
        Path logs = Files.createTempDirectory("stylefleet-overload");
        double capacity = capacity(logs.resolve("capacity"), measure);
        System.out.printf(Locale.ROOT, "capacity with one inference worker: %.1f jobs/s (%d s counted after %d s warm-up)%n",
                capacity, measure, measure);
        double offered = factor * capacity;
        Map<String, OverloadRun> runs = new LinkedHashMap<>();
        for (boolean on : List.of(false, true)) {
            Map<String, String> config = new LinkedHashMap<>();
            config.put(ENABLED_KEY, Boolean.toString(on));
            config.put(MAX_WAIT_KEY, maxWait + "S");
            runs.put(on ? "on (max-wait " + maxWait + " s)" : "off", offer(logs.resolve(on ? "on" : "off"), config,
                    offered, clients, hold));
        }
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "Capacity of one inference worker (`bicubic-x4` on 32-64 px PNGs, %d closed-loop "
                + "clients, admission control off): **%.1f jobs/s**. Offered: %.1f jobs/s (%.1f× that) for %d s by %d "
                + "clients that do not back off, on a fresh fleet per row.%n%n", CAPACITY_CLIENTS, capacity, offered,
                factor, hold, clients));
        t.append("| admission control | offered/s | accepted | refused (429) | refusal rate | accepted p50 | "
                + "accepted p95 | accepted max | completed/s during the load | unfinished |\n|---|---|---|---|---|---|---|---|---|---|\n");
        runs.forEach((mode, r) -> t.append(String.format(Locale.ROOT,
                "| %s | %.1f | %d | %d | %.1f %% | %.2f s | %.2f s | %.2f s | %.1f | %d |%n", mode, r.offeredPerSecond(),
                r.accepted(), r.refused().getOrDefault("HTTP 429", 0), 100 * r.refusalRate(), seconds(r.latency(0.5)),
                seconds(r.latency(0.95)), seconds(r.latency(1.0)), r.completedPerSecond(), r.unfinished())));
        t.append("\n");
        runs.forEach((mode, r) -> t.append("Refused by cause, ").append(mode).append(": ").append(r.refused()).append("\n\n"));
        t.append("Latency: from the 202 to the job's terminal event. CPU: ").append(CpuInfo.describe()).append(". Command:\n\n```sh\n")
                .append(COMMAND).append(String.format(Locale.ROOT, " --factor %s --hold %d --measure %d --max-wait %d "
                        + "--clients %d --write docs/reliability.md%n```%n", factor, hold, measure, maxWait, clients));
        System.out.println(t);
        System.out.println("logs in " + logs);
        if (write != null) {
            FaultSuiteCommand.writeSubSection(write, "## Overload and admission control", "### Measured at 2× capacity",
                    t.toString());
            System.out.println("wrote the overload figures into " + write);
        }
    }

    /** SUCCEEDED jobs per second of one worker kept busy by closed-loop clients, admission control off. */
    static double capacity(Path logs, int measure) throws Exception {
        try (ScaleHarness h = ScaleHarness.start(logs, Map.of(ENABLED_KEY, "false"),
                new JobLoad.Settings(CAPACITY_CLIENTS, 0, CAPACITY_JOB_TIMEOUT))) {
            h.startLoad("capacity");
            h.hold(Duration.ofSeconds(measure)); // warm-up: sessions, JIT, the first rebalance
            long before = succeeded(h);
            long t0 = System.nanoTime();
            h.hold(Duration.ofSeconds(measure));
            long after = succeeded(h);
            double seconds = (System.nanoTime() - t0) / 1e9;
            h.load().stop();
            return (after - before) / seconds;
        }
    }

    /** Open loop: submissions at {@code rate} whatever becomes of them (clients do not wait for their jobs). */
    static OverloadRun offer(Path logs, Map<String, String> config, double rate, int clients, int hold) throws Exception {
        try (ScaleHarness h = ScaleHarness.start(logs, config, new JobLoad.Settings(clients, rate, Duration.ZERO, JobMix.smallSuperResolve(), false))) {
            h.startLoad("offered");
            java.time.Instant start = java.time.Instant.now();
            h.hold(Duration.ofSeconds(hold));
            h.load().stop();
            java.time.Instant end = java.time.Instant.now();
            List<String> ids = h.load().accepted().stream().map(JobLoad.Accepted::jobId).toList();
            h.events().awaitAllTerminal(ids, DRAIN);
            return OverloadRun.of(h.load(), h.events(), start, end);
        }
    }

    private static long succeeded(ScaleHarness h) {
        return h.events().all().stream().filter(e -> e.state() == dev.stylefleet.schemas.JobState.SUCCEEDED).count();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
