package dev.stylefleet.cli.faults;

import dev.stylefleet.bench.CpuInfo;
import dev.stylefleet.bench.BenchmarkDoc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fault suite as a command ({@link FaultSuite}); prints the report and, with {@code --write FILE},
 * puts it into FILE's section "## Fault suite" and its outage table into the sub-section
 * "### Measured by the fault suite" of "## What a client sees during an outage" (docs/reliability.md).
 *
 * <pre>
 * --clients N        concurrent HTTP clients (default 12)
 * --rate R           submissions per second of all clients together (default 8)
 * --workers N        inference worker processes (default 2)
 * --worker-kills N   worker SIGKILLs, each replaced (default 3)
 * --broker-outage S  seconds the broker stays stopped (default 15)
 * --s3-outage S      seconds the S3 server stays stopped (default 30)
 * --hold S           steady load after each fault (default 20)
 * --min-jobs N       jobs accepted before the load stops (default 1000)
 * --write FILE       write the sections into FILE
 * </pre>
 */
public final class FaultSuiteCommand {
    static final String HEADING = "## Fault suite";
    static final String OUTAGE_HEADING = "## What a client sees during an outage";
    static final String OUTAGE_SUB_HEADING = "### Measured by the fault suite";
    static final String COMMAND = "./mvnw -q -pl infra/cli -am package -DskipTests && java -cp "
            + "\"infra/cli/target/test-classes:infra/cli/target/classes:$(cat infra/cli/target/test-classpath.txt)\" "
            + FaultSuiteCommand.class.getName();

    private FaultSuiteCommand() {}

    public static void main(String[] args) throws Exception {
        int clients = 12;
        double rate = 8;
        int workers = 2;
        int kills = 3;
        long brokerOutage = 15;
        long s3Outage = 30;
        long hold = 20;
        int minJobs = 1000;
        Path write = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--worker-kills" -> kills = Integer.parseInt(args[++i]);
                case "--broker-outage" -> brokerOutage = Long.parseLong(args[++i]);
                case "--s3-outage" -> s3Outage = Long.parseLong(args[++i]);
                case "--hold" -> hold = Long.parseLong(args[++i]);
                case "--min-jobs" -> minJobs = Integer.parseInt(args[++i]);
                case "--write" -> write = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: [--clients N] "
                        + "[--rate R] [--workers N] [--worker-kills N] [--broker-outage S] [--s3-outage S] [--hold S] "
                        + "[--min-jobs N] [--write FILE]");
            }
        }
        String loadBefore = BenchmarkDoc.load();
        FaultSuite.Settings s = new FaultSuite.Settings(clients, rate, workers, kills, Duration.ofSeconds(brokerOutage),
                Duration.ofSeconds(s3Outage), Duration.ofSeconds(hold), Duration.ofSeconds(hold), minJobs,
                Duration.ofMinutes(5), Duration.ofMinutes(3), Map.of());
        FaultSuite.Result r = FaultSuite.run(s, Files.createTempDirectory("fault-suite-"));
        String command = COMMAND + String.format(Locale.ROOT, " --clients %d --rate %s --workers %d --worker-kills %d "
                + "--broker-outage %d --s3-outage %d --hold %d --min-jobs %d --write docs/reliability.md", clients,
                rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate), workers, kills,
                brokerOutage, s3Outage, hold, minJobs);
        String section = intro(r, loadBefore) + "\n" + FaultReport.summary(r) + "\nCommand (repository root):\n\n```sh\n"
                + command + "\n```\n";
        String outages = outageIntro() + "\n" + FaultReport.outages(r) + "\nMeasured by `FaultSuiteCommand` (section "
                + "\"Fault suite\" above: the same run, CPU and command).\n";
        System.out.println(HEADING + "\n\n" + section + "\n" + OUTAGE_SUB_HEADING + "\n\n" + outages + "\n"
                + FaultReport.details(r));
        if (write != null) {
            BenchmarkDoc.writeSection(write, HEADING, section);
            writeSubSection(write, OUTAGE_HEADING, OUTAGE_SUB_HEADING, outages);
            System.out.println("wrote " + HEADING + " and " + OUTAGE_SUB_HEADING + " into " + write);
        }
    }

    /**
     * Replaces {@code sub} (up to the next heading) inside the section {@code heading}, or appends it at the
     * section's end: the rest of that section is someone else's.
     */
    public static void writeSubSection(Path file, String heading, String sub, String body) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            int start = lines.indexOf(heading);
            if (start < 0) {
                throw new IllegalStateException(file + " has no section " + heading);
            }
            int end = start + 1;
            while (end < lines.size() && !lines.get(end).startsWith("## ")) {
                end++;
            }
            List<String> block = new ArrayList<>(List.of(sub, ""));
            block.addAll(List.of(body.strip().split("\n", -1)));
            block.add("");
            int at = lines.subList(start, end).indexOf(sub);
            if (at >= 0) {
                int from = start + at;
                int to = from + 1;
                while (to < end && !lines.get(to).startsWith("## ") && !lines.get(to).startsWith("### ")) {
                    to++;
                }
                lines.subList(from, to).clear();
                lines.addAll(from, block);
            } else {
                if (!lines.get(end - 1).isBlank()) {
                    lines.add(end++, "");
                }
                lines.addAll(end, block);
            }
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    private static String outageIntro() {
        return String.format(Locale.ROOT, """
                Every submission the fault suite's clients sent while the gateway or one of its dependencies was
                down (from the fault to the restart's return), as the client saw it: the answers by status and
                error code, how many refusals carried `Retry-After`, the response latency, and the answers
                that broke the contract (a 5xx other than 503, or no answer within %d s). While the gateway
                itself is down, clients get no answer at all (connection refused).
                """, OutageView.HANG.toSeconds());
    }

    private static String intro(FaultSuite.Result r, String loadBefore) {
        FaultSuite.Settings s = r.settings();
        return String.format(Locale.ROOT, """
                `FaultSuiteCommand` (infra/cli, test scope, on the harness `FaultSuiteIT` uses): the real system as
                `./stylefleet up` runs it (embedded Kafka and S3 server in the command's JVM; the packaged
                gateway, training worker and inference workers as child JVMs), %d inference workers, %d
                concurrent HTTP clients at most %s submissions per second in all, each submitting a job, waiting
                for its end and submitting the next (after a refusal: waiting `Retry-After`, at most %d s). Jobs
                (`MixedJobs`): per 20, 8 `bicubic-x4` super-resolutions of 32-64 px PNGs, 3 of 96-160 px PNGs to
                JPEG, 6 stylizations with a style network generated in code (`%s`) of 32-96 px PNGs, 3 uploads
                of 320 px PNGs (over 256 KiB: through the object store, not inline) with `maxSide` %d, either
                task. Every job has a callback to a receiver on loopback (allow-listed with
                `stylefleet.callbacks.allow-list`) that answers a third of the attempts 503 and holds a
                fifteenth %d s, past the gateway's `request-timeout` of %d s; it verifies each attempt's
                HMAC-SHA256 signature as docs/api.md describes. Faults, %d s of steady load before the first and
                after each: %d × a worker SIGKILL, each replaced by a new worker process; the gateway SIGKILLed and
                restarted; the broker stopped for %d s and started again in place (same port, same log
                directory); the S3 server stopped for %d s and started again in place (same port, same data).
                Then the load goes on until %d jobs were accepted, stops, and every accepted job gets %d s to end
                and every terminal callback %d s to arrive. Services run their default configuration%s.

                "First completion after" is the time from the fault to the first SUCCEEDED event the suite read
                after it; "throughput back after" to the end of the first %d s window after the restoration with
                at least %.0f%% of the completions per second of the %d s before the fault. Run: fleet start %.0f s,
                whole run %.0f s.

                CPU: %s, %d cores; flags include %s. Load before: %s (anything else running on the machine
                shares its cores with the suite).
                """, s.workers(), s.clients(), fmt(s.rate()), dev.stylefleet.cli.scale.JobLoad.MAX_RETRY_AFTER.toSeconds(),
                MixedJobs.STYLE, MixedJobs.LARGE_MAX_SIDE, FaultSuite.CALLBACK_HOLD.toSeconds(),
                FaultSuite.CALLBACK_TIMEOUT.toSeconds(), s.hold().toSeconds(), s.workerKills(),
                s.brokerOutage().toSeconds(), s.s3Outage().toSeconds(), s.minJobs(), s.drain().toSeconds(),
                s.callbackWait().toSeconds(), s.workerConfig().isEmpty() ? " (callback timeouts and backoff "
                        + "shortened as above)" : " except " + s.workerConfig() + " (callback settings as above)",
                Recovery.WINDOW.toSeconds(), Recovery.SHARE * 100, Recovery.BEFORE.toSeconds(),
                r.fleetStart().toMillis() / 1000.0, r.total().toMillis() / 1000.0, CpuInfo.field("model name"),
                Runtime.getRuntime().availableProcessors(), CpuInfo.vectorFlags(), loadBefore);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

}
