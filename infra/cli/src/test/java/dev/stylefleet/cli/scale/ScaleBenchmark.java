package dev.stylefleet.cli.scale;

import dev.stylefleet.bench.CpuInfo;
import dev.stylefleet.bench.BenchmarkDoc;
import dev.stylefleet.cli.Service;
import dev.stylefleet.cli.ServiceProcess;
import dev.stylefleet.schemas.JobState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inference workers scaled 1 → 4 → 1 under load on the real system ({@link ScaleHarness}): concurrent
 * clients submit small {@code bicubic-x4} jobs to the gateway while worker processes are started one by
 * one up to four, one of them is SIGKILLed and replaced, and they are scaled in one at a time by SIGTERM.
 * Prints, per consumer group protocol, what became of the jobs ({@link JobAccounting}) and the phase,
 * stall and first-job figures ({@link ScaleReport}); {@code --write FILE} puts them into a section of
 * docs/benchmarks.md.
 *
 * <pre>
 * --protocol classic|consumer|both   stylefleet.infer.group-protocol of every worker (default both)
 * --clients N      concurrent HTTP clients, one job outstanding each (default 16)
 * --rate R         submissions per second of all clients together, 0 = as fast as jobs end (default 15)
 * --warm-up S      seconds of load before the first measured phase (default 30)
 * --hold S         seconds each steady phase lasts (default 15)
 * --min-jobs N     the last phase lasts until this many jobs were accepted (default 1000)
 * --write FILE     write the section into FILE
 * </pre>
 */
public final class ScaleBenchmark {
    static final String HEADING = "## Scaling 1 → 4 → 1 under load";
    static final String COMMAND = "./mvnw -q -pl infra/cli -am package -DskipTests && java -cp "
            + "\"infra/cli/target/test-classes:infra/cli/target/classes:$(cat infra/cli/target/test-classpath.txt)\" "
            + ScaleBenchmark.class.getName();
    static final String PROTOCOL_KEY = "stylefleet.infer.group-protocol";
    /** Redelivery after the SIGKILL waits for the dead consumer's session to expire: keep it short. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    /** A worker's exit after SIGTERM: the default shutdown grace (30 s), then the consumer's close. */
    static final Duration EXIT_BOUND = Duration.ofSeconds(60);
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DRAIN = Duration.ofMinutes(2);
    static final int MAX_WORKERS = 4;
    /** Jobs run more than once listed by id in the summary (the rest are counted). */
    static final int LISTED_RERUNS = 8;

    private ScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> protocols = List.of("classic", "consumer");
        int clients = 16;
        double rate = 15;
        Duration warmUp = Duration.ofSeconds(30);
        Duration hold = Duration.ofSeconds(15);
        int minJobs = 1000;
        Path write = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--protocol" -> {
                    String p = args[++i];
                    protocols = p.equals("both") ? protocols : List.of(p);
                    if (!List.of("classic", "consumer").containsAll(protocols)) {
                        throw new IllegalArgumentException("--protocol classic|consumer|both, not " + p);
                    }
                }
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--warm-up" -> warmUp = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--hold" -> hold = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--min-jobs" -> minJobs = Integer.parseInt(args[++i]);
                case "--write" -> write = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: "
                        + "[--protocol classic|consumer|both] [--clients N] [--rate R] [--warm-up S] [--hold S] "
                        + "[--min-jobs N] [--write FILE]");
            }
        }
        String loadBefore = BenchmarkDoc.load();
        Map<String, String> sections = new LinkedHashMap<>();
        for (String protocol : protocols) {
            String section = run(protocol, new JobLoad.Settings(clients, rate, JOB_TIMEOUT), warmUp, hold, minJobs);
            System.out.println("\n### group protocol " + protocol + "\n\n" + section);
            sections.put(protocol, section);
        }
        if (write != null) {
            StringBuilder body = new StringBuilder(intro(clients, rate, warmUp, hold, minJobs, loadBefore));
            sections.forEach((p, s) -> body.append("\n### `").append(PROTOCOL_KEY).append("=").append(p)
                    .append("`\n\n").append(s));
            body.append("\nCommand (repository root):\n\n```sh\n").append(COMMAND).append(" --protocol ")
                    .append(protocols.size() == 2 ? "both" : protocols.get(0)).append(" --clients ").append(clients)
                    .append(" --rate ").append(fmt(rate)).append(" --warm-up ").append(warmUp.toSeconds())
                    .append(" --hold ").append(hold.toSeconds()).append(" --min-jobs ").append(minJobs)
                    .append(" --write docs/benchmarks.md\n```\n");
            BenchmarkDoc.writeSection(write, HEADING, body.toString());
            System.out.println("wrote " + HEADING + " into " + write);
        }
    }

    /** One whole run with every worker on {@code protocol}; returns its Markdown figures. */
    static String run(String protocol, JobLoad.Settings load, Duration warmUp, Duration hold, int minJobs)
            throws Exception {
        Path logs = Files.createTempDirectory("scale-benchmark-" + protocol + "-");
        Map<String, String> workerConfig = Map.of(PROTOCOL_KEY, protocol,
                "stylefleet.infer.session-timeout", SESSION_TIMEOUT.toString(),
                // Warm only the model of the load, as an operator of such a pool would.
                "stylefleet.infer.warm", JobLoad.MODEL,
                "stylefleet.infer.warm-size", Integer.toString(JobLoad.MAX_SIDE));
        Instant t0 = Instant.now();
        try (ScaleHarness h = ScaleHarness.start(logs, workerConfig, load)) {
            Duration fleetStart = Duration.between(t0, Instant.now());
            h.startLoad(", warm-up");
            h.hold(warmUp);
            h.beginPhase("");
            progress(h, "warm");
            h.hold(hold);
            while (h.running().size() < MAX_WORKERS) {
                h.addWorker(Map.of());
                progress(h, "added");
                h.hold(hold);
            }
            // A crash at full size: the second added worker dies; a replacement takes its place.
            h.beginPhase(" (before SIGKILL)");
            h.hold(hold.dividedBy(2));
            ServiceProcess victim = h.added().get(1);
            h.kill(victim);
            progress(h, "killed " + ScaleHarness.workerId(victim));
            h.hold(hold.dividedBy(2));
            h.addWorker(Map.of());
            progress(h, "replaced");
            h.hold(hold);
            // Scale-in, newest first, one at a time.
            while (h.running().size() > 1) {
                List<ServiceProcess> running = h.running();
                h.terminate(running.get(running.size() - 1), EXIT_BOUND);
                progress(h, "terminated");
                h.hold(hold);
            }
            int more = Math.max(0, minJobs - h.load().accepted().size());
            if (more > 0) {
                h.beginPhase(" (until " + minJobs + " jobs)");
                h.events().awaitCount(e -> e.state() == JobState.QUEUED, minJobs, Duration.ofMinutes(10));
            }
            boolean allEnded = h.finish(DRAIN);
            JobAccounting jobs = JobAccounting.of(h.load().accepted(), h.load(), h.events(),
                    h.fleet().stack().objectStore());
            ScaleReport report = ScaleReport.of(h.timeline(), h.cpu(), h.events(), h.added());
            return summary(jobs, allEnded, h, fleetStart, Duration.between(t0, Instant.now())) + "\n"
                    + report.markdown();
        }
    }

    private static void progress(ScaleHarness h, String what) {
        System.out.printf(Locale.ROOT, "%s %s: %d workers, %d jobs accepted%n", Instant.now(), what,
                h.running().size(), h.load().accepted().size());
    }

    private static String summary(JobAccounting jobs, boolean allEnded, ScaleHarness h, Duration fleetStart,
            Duration total) {
        List<String> reruns = new ArrayList<>();
        jobs.runs().forEach((id, workers) -> reruns.add(id.substring(0, 8) + ": " + String.join(" → ", workers)));
        if (reruns.size() > LISTED_RERUNS) {
            int more = reruns.size() - LISTED_RERUNS;
            reruns.subList(LISTED_RERUNS, reruns.size()).clear();
            reruns.add("… " + more + " more");
        }
        return String.format(Locale.ROOT, """
                | jobs | |
                |---|---|
                | accepted | %d |
                | **lost** (accepted, not terminal at the end) | **%d** |
                | **duplicate result objects** (jobs with more than one object under `results/<id>/`) | **%d** |
                | final states (gateway) | %s |
                | executed more than once (more than one RUNNING event) | %d |
                | more than one SUCCEEDED event | %d |
                | submissions refused | %s |
                | every accepted job ended within the drain | %s |

                Run: fleet start %.0f s, whole run %.0f s. Worker processes started with `%s`: %s; the
                protocol their job consumers joined with (the runtime's start line): %s. Jobs run more than once (job id: workers in
                order): %s.
                """, jobs.accepted(), jobs.lost().size(), jobs.resultObjects().size(), jobs.finalStates(),
                jobs.runs().size(), jobs.severalSucceeded().size(), h.load().refused().isEmpty() ? "none"
                        : h.load().refused().toString(), allEnded ? "yes" : "no",
                ScaleReport.seconds(fleetStart), ScaleReport.seconds(total), PROTOCOL_KEY,
                count(workers(h).stream().map(p -> p.setting(PROTOCOL_KEY).orElse("(unset)")).toList()),
                count(workers(h).stream().map(ScaleBenchmark::loggedGroupProtocol).toList()),
                reruns.isEmpty() ? "none" : String.join("; ", reruns));
    }

    /** Every inference worker process of the run: the fleet's own and the added ones. */
    private static List<ServiceProcess> workers(ScaleHarness h) {
        List<ServiceProcess> all = new ArrayList<>(List.of(h.fleet().process(Service.INFER_WORKER)));
        all.addAll(h.added());
        return all;
    }

    /** The runtime's start line names the protocol its job consumer joined with. */
    private static final java.util.regex.Pattern JOINED = java.util.regex.Pattern.compile(
            "consuming \\S+ as group \\S+ \\((\\w+) protocol\\)");

    /**
     * The group protocol the worker's job consumer used, from the runtime's start line (Kafka's own
     * configuration dump is no help: the cancel reader, outside any group, logs {@code classic} first).
     */
    private static String loggedGroupProtocol(ServiceProcess p) {
        try (var lines = Files.lines(p.log())) {
            return lines.map(JOINED::matcher).filter(java.util.regex.Matcher::find).findFirst()
                    .map(m -> m.group(1)).orElse("(not logged)");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(log unreadable)";
        }
    }

    /** "value ×n" per distinct value, in first-seen order. */
    private static String count(List<String> values) {
        Map<String, Integer> n = new LinkedHashMap<>();
        values.forEach(v -> n.merge(v, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        n.forEach((v, c) -> out.add("`" + v + "` ×" + c));
        return String.join(", ", out);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String intro(int clients, double rate, Duration warmUp, Duration hold, int minJobs,
            String loadBefore) {
        return String.format(Locale.ROOT, """
                `ScaleBenchmark` (infra/cli, test scope, on the harness `ScaleIT` uses): the real system as
                `./stylefleet up` runs it (embedded Kafka and S3 server, packaged gateway, training worker and one
                inference worker), %d concurrent HTTP clients each submitting a `bicubic-x4` job (generated
                32-64 px PNGs), waiting for it to end and submitting the next, %s. After %d s of warm-up,
                inference worker processes are added one at a time up to %d (each a new JVM with its own worker
                id), one of them is SIGKILLed half-way through the 4-worker phase and replaced, then the workers
                are removed one at a time by SIGTERM (newest first, each awaited to exit). Each steady phase lasts
                %d s; the last one until %d jobs were accepted; then the accounting waits up to %d s for every
                job to end. Workers: default configuration (4 jobs at once, ONNX Runtime threads = cores, 30 s
                shutdown grace) but `stylefleet.infer.session-timeout=%s` (the SIGKILLed worker's jobs move on
                after it) and `stylefleet.infer.warm=%s`, `warm-size=%d` (a new worker warms the model and
                size of the load only). The group protocol is passed to every worker as `%s`; a worker that does not know
                the key ignores it.

                A phase's jobs/s counts SUCCEEDED events stamped in it, its latency is from the gateway's QUEUED
                to the first SUCCEEDED of the jobs completed in it; its worker CPU is the summed CPU time
                (user + system, `ProcessHandle.info().totalCpuDuration()`, sampled every %d ms) of the
                inference worker processes over the phase, start-up included; this machine has %s, so more
                worker processes share the same cores. A scale event's stall is the longest gap between
                consecutive SUCCEEDED events overlapping the event ±%d s (a start spans fork to ready, a
                SIGTERM the signal to the exit). "First job" is the worker's first RUNNING event after its fork.

                CPU: %s (family %s, model %s), %d cores; flags include %s. Load before: %s.
                """, clients, rate > 0 ? "at most " + fmt(rate) + " submissions per second in all"
                        : "as fast as the jobs end", warmUp.toSeconds(), MAX_WORKERS, hold.toSeconds(), minJobs, DRAIN.toSeconds(),
                SESSION_TIMEOUT, JobLoad.MODEL, JobLoad.MAX_SIDE, PROTOCOL_KEY, WorkerCpuMeter.PERIOD.toMillis(),
                Runtime.getRuntime().availableProcessors() + " cores", ScaleReport.STALL_WINDOW.toSeconds(),
                CpuInfo.field("model name"), CpuInfo.field("cpu family"), CpuInfo.field("model"),
                Runtime.getRuntime().availableProcessors(), CpuInfo.vectorFlags(), loadBefore);
    }

}
