package dev.stylefleet.bench;

import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.infra.LocalStackConfig;
import dev.stylefleet.runtime.GroupProtocol;
import dev.stylefleet.runtime.GroupSessionTimeout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * How long a worker's partitions go unworked after the worker is SIGKILLed: the time from the kill until
 * every partition of the topic has completed a record again, for each consumer group protocol
 * ({@code classic} with the workers' cooperative-sticky assignor, {@code consumer} with KIP-848's
 * {@code uniform}), dynamic vs static membership ({@code group.instance.id}), and several session
 * timeouts, in two cases: the dead member is not replaced (its partitions wait for its session to
 * expire and move to the survivor), and it is restarted by a supervisor ({@code --restart-ms} after the
 * kill, a new JVM, under the same instance id when static, as the local fleet's supervisor does).
 *
 * <p>Two members ({@link CrashStallMember}, each a JVM of its own so that a kill is a real crash) consume a
 * steady stream with the workers' consumer properties; then one is SIGKILLed. Writes the section
 * {@value #HEADING} of docs/benchmarks.md.
 */
public final class CrashStallBenchmark {
    static final String HEADING = "## Crash stalls: a worker's death to its partitions worked again";
    /** Markers in a member's log that say the broker refused a static member's rejoin. */
    private static final List<String> REFUSAL_MARKERS = List.of("UNRELEASED_INSTANCE_ID", "UnreleasedInstanceId",
            "FENCED_INSTANCE_ID", "FencedInstanceId");

    /** How long two fresh member JVMs may take to work every partition (JVM start on a loaded machine). */
    private static final Duration STARTUP_BOUND = Duration.ofMinutes(3);

    private enum Case { NOT_REPLACED, RESTARTED }

    /** One measured scenario: milliseconds from the kill to every partition worked again (NaN: not within the deadline). */
    private record Outcome(double stallMs, String note) {}

    private final String bootstrap;
    private final int partitions;
    private final int rate;
    private final int jobMs;
    private final Duration restartDelay;
    private final Duration settle;
    private final Path logDir;

    private CrashStallBenchmark(String bootstrap, Map<String, String> a, Path logDir) {
        this.bootstrap = bootstrap;
        this.partitions = Integer.parseInt(a.getOrDefault("partitions", "6"));
        this.rate = Integer.parseInt(a.getOrDefault("rate", "60"));
        this.jobMs = Integer.parseInt(a.getOrDefault("job-ms", "5"));
        this.restartDelay = Duration.ofMillis(Long.parseLong(a.getOrDefault("restart-ms", "1000")));
        this.settle = Duration.ofSeconds(Long.parseLong(a.getOrDefault("settle-s", "2")));
        this.logDir = logDir;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = BenchArgs.parse(args);
        List<Duration> sessions = Arrays.stream(a.getOrDefault("sessions-s", "6,10,45").split(","))
                .map(s -> Duration.ofSeconds(Long.parseLong(s.strip()))).toList();
        List<GroupProtocol> protocols = a.getOrDefault("protocols", "classic,consumer").equals("classic,consumer")
                ? List.of(GroupProtocol.values())
                : Arrays.stream(a.get("protocols").split(",")).map(GroupProtocol::parse).toList();
        // "none": no full-restart scenarios.
        String restartSessionList = a.getOrDefault("restart-sessions-s", "6,45");
        List<Duration> restartSessions = restartSessionList.equals("none") ? List.of()
                : Arrays.stream(restartSessionList.split(",")).map(s -> Duration.ofSeconds(Long.parseLong(s.strip())))
                        .toList();
        Duration startup = Duration.ofSeconds(Long.parseLong(a.getOrDefault("startup-s", "15")));
        String load = BenchmarkDoc.load();
        Map<String, Map<Case, Outcome>> rows = new LinkedHashMap<>();
        Map<String, Double> restarts = new LinkedHashMap<>();
        Path logs = Files.createTempDirectory("crash-stall-members");
        CrashStallBenchmark bench;
        try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral())) {
            bench = new CrashStallBenchmark(stack.kafkaBootstrapServers(), a, logs);
            for (GroupProtocol p : protocols) {
                for (boolean statik : new boolean[] {false, true}) {
                    for (Duration session : sessions) {
                        String row = String.format(Locale.ROOT, "| `%s` | %s | %d s |", p.kafkaName(),
                                statik ? "static" : "dynamic", session.toSeconds());
                        for (Case c : Case.values()) {
                            Outcome o = bench.run(p, statik, session, c);
                            rows.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(c, o);
                            System.out.printf("%s %s: %.0f ms %s%n", row, c, o.stallMs(), o.note());
                        }
                    }
                }
            }
        }
        // The full restart: classic by default, the workers' default protocol, where the wait was seen.
        List<GroupProtocol> restartProtocols = Arrays.stream(a.getOrDefault("restart-protocols", "classic").split(","))
                .map(GroupProtocol::parse).toList();
        for (GroupProtocol p : restartProtocols) {
            for (boolean statik : new boolean[] {false, true}) {
                for (Duration session : restartSessions) {
                    String row = String.format(Locale.ROOT, "| `%s` | %s | %d s |", p.kafkaName(),
                            statik ? "static" : "dynamic", session.toSeconds());
                    double ms = fullRestart(a, logs, p, statik, session, startup);
                    restarts.put(row, ms);
                    System.out.printf("%s full restart: %.0f ms%n", row, ms);
                }
            }
        }
        String body = report(rows, restarts, startup, bench, load, a);
        System.out.println(body);
        BenchmarkDoc.writeSection(Path.of(a.getOrDefault("out", "docs/benchmarks.md")), HEADING, body);
    }

    private Outcome run(GroupProtocol protocol, boolean statik, Duration session, Case c) throws Exception {
        String topic = "crash-" + protocol.kafkaName() + "-" + (statik ? "static" : "dynamic") + "-"
                + session.toSeconds() + "-" + c.name().toLowerCase(Locale.ROOT) + "-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        if (protocol == GroupProtocol.CONSUMER
                && !GroupSessionTimeout.apply(bootstrap, topic, session, Duration.ofSeconds(30))) {
            throw new IllegalStateException("the broker refused the group's session timeout " + session);
        }
        ConcurrentLinkedQueue<long[]> done = new ConcurrentLinkedQueue<>();
        List<Member> members = new ArrayList<>();
        try (SteadyStream stream = new SteadyStream(bootstrap, topic, partitions, rate)) {
            members.add(new Member(this, topic, protocol, session, statik ? "a" : null, "a", done));
            Member victim = new Member(this, topic, protocol, session, statik ? "b" : null, "b", done);
            members.add(victim);
            long start = nowMicros();
            if (awaitAllFlowing(done, start, STARTUP_BOUND) < 0) {
                throw new IllegalStateException("two members did not work every partition within " + STARTUP_BOUND
                        + "; partitions worked: " + worked(done, start));
            }
            pace(settle);

            long killedAt = nowMicros();
            victim.kill();
            Member restarted = null;
            if (c == Case.RESTARTED) {
                pace(restartDelay);
                restarted = new Member(this, topic, protocol, session, statik ? "b" : null, "b-restarted", done);
                members.add(restarted);
            }
            long flowing = awaitAllFlowing(done, killedAt, session.multipliedBy(3).plusSeconds(60));
            String note = restarted == null ? "" : restarted.refusal();
            if (flowing < 0) {
                note = (note.isEmpty() ? "" : note + "; ") + "partitions worked after the kill: " + worked(done, killedAt);
            }
            return new Outcome(flowing < 0 ? Double.NaN : (flowing - killedAt) / 1000.0, note);
        } finally {
            for (Member m : members) {
                m.kill();
            }
        }
    }

    /**
     * A full restart after a crash: a member consumes, is SIGKILLed, and the broker stops right after
     * (it keeps the group with the dead member in {@code __consumer_offsets}); the broker starts again on
     * the same data, and {@code startup} later (the services' start) a new member joins under the same
     * {@code group.instance.id} when static.
     *
     * @return milliseconds from the new member's start to every partition worked (NaN: not in time)
     */
    private static double fullRestart(Map<String, String> a, Path logs, GroupProtocol protocol, boolean statik,
            Duration session, Duration startup) throws Exception {
        Path data = Files.createTempDirectory("crash-stall-restart");
        String topic = "restart-" + protocol.kafkaName() + "-" + (statik ? "static" : "dynamic") + "-"
                + session.toSeconds() + "-" + System.nanoTime();
        ConcurrentLinkedQueue<long[]> done = new ConcurrentLinkedQueue<>();
        try (LocalStack before = LocalStack.start(LocalStackConfig.ephemeral().withDataDir(data))) {
            CrashStallBenchmark b = new CrashStallBenchmark(before.kafkaBootstrapServers(), a, logs);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrap))) {
                admin.createTopics(List.of(new NewTopic(topic, b.partitions, (short) 1))).all()
                        .get(30, TimeUnit.SECONDS);
            }
            if (protocol == GroupProtocol.CONSUMER
                    && !GroupSessionTimeout.apply(b.bootstrap, topic, session, Duration.ofSeconds(30))) {
                throw new IllegalStateException("the broker refused the group's session timeout " + session);
            }
            try (SteadyStream stream = new SteadyStream(b.bootstrap, topic, b.partitions, b.rate)) {
                Member m = new Member(b, topic, protocol, session, statik ? "w" : null, "before", done);
                try {
                    if (b.awaitAllFlowing(done, nowMicros(), STARTUP_BOUND) < 0) {
                        throw new IllegalStateException("the member did not work every partition within " + STARTUP_BOUND);
                    }
                } finally {
                    m.kill();
                }
            }
        }
        try (LocalStack after = LocalStack.start(LocalStackConfig.ephemeral().withDataDir(data))) {
            CrashStallBenchmark b = new CrashStallBenchmark(after.kafkaBootstrapServers(), a, logs);
            pace(startup);
            done.clear();
            long started = nowMicros();
            try (SteadyStream stream = new SteadyStream(b.bootstrap, topic, b.partitions, b.rate)) {
                Member m = new Member(b, topic, protocol, session, statik ? "w" : null, "after", done);
                try {
                    long flowing = b.awaitAllFlowing(done, started, session.multipliedBy(3).plusSeconds(60));
                    return flowing < 0 ? Double.NaN : (flowing - started) / 1000.0;
                } finally {
                    m.kill();
                }
            }
        }
    }

    /**
     * Waits until every partition has completed a record after {@code since} (epoch microseconds).
     *
     * @return when the last of them did so, or -1 if not within {@code bound}
     */
    private long awaitAllFlowing(ConcurrentLinkedQueue<long[]> done, long since, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            long[] first = new long[partitions];
            int n = 0;
            for (long[] d : done) {
                int p = (int) d[0];
                if (d[1] > since && (first[p] == 0 || d[1] < first[p])) {
                    if (first[p] == 0) {
                        n++;
                    }
                    first[p] = d[1];
                }
            }
            if (n == partitions) {
                return Arrays.stream(first).max().orElseThrow();
            }
            pace(Duration.ofMillis(50));
        }
        return -1;
    }

    /** The partitions that completed a record after {@code since}. */
    private static SortedSet<Long> worked(ConcurrentLinkedQueue<long[]> done, long since) {
        SortedSet<Long> p = new TreeSet<>();
        done.stream().filter(d -> d[1] > since).forEach(d -> p.add(d[0]));
        return p;
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /** A {@link CrashStallMember} process and the thread that reads its completions. */
    private static final class Member {
        private final Process process;
        private final Path log;

        Member(CrashStallBenchmark b, String topic, GroupProtocol protocol, Duration session, String instance,
                String name, ConcurrentLinkedQueue<long[]> done) throws IOException {
            this.log = b.logDir.resolve(topic + "-" + name + ".log");
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrashStallMember.class.getName(), b.bootstrap,
                    topic, topic, protocol.kafkaName(), Long.toString(session.toMillis()),
                    instance == null ? "-" : instance, name, Integer.toString(b.jobMs));
            this.process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        String[] f = line.split(" ");
                        if (f.length == 3 && f[0].equals("done")) {
                            done.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "crash-stall-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        /** SIGKILL, and wait for the process to be gone. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        }

        /** What the member's log says about a refused static rejoin, if anything. */
        String refusal() {
            try {
                String text = Files.readString(log);
                return REFUSAL_MARKERS.stream().filter(text::contains).findFirst()
                        .map(m -> "restarted member refused with " + m).orElse("");
            } catch (IOException e) {
                return "";
            }
        }
    }

    private static String report(Map<String, Map<Case, Outcome>> rows, Map<String, Double> restarts,
            Duration startup, CrashStallBenchmark b, String load, Map<String, String> a) {
        StringBuilder restartTable = new StringBuilder();
        restarts.forEach((row, ms) -> restartTable.append(row).append(' ').append(seconds(ms)).append(" |\n"));
        StringBuilder table = new StringBuilder();
        rows.forEach((row, m) -> {
            Outcome gone = m.get(Case.NOT_REPLACED);
            Outcome back = m.get(Case.RESTARTED);
            String notes = String.join("; ", List.of(gone.note(), back.note()).stream().filter(n -> !n.isBlank()).toList());
            table.append(String.format(Locale.ROOT, "%s %s | %s | %s |%n", row, seconds(gone.stallMs()),
                    seconds(back.stallMs()), notes));
        });
        String args = String.join(" ", a.entrySet().stream().filter(e -> !e.getKey().equals("out"))
                .sorted(Map.Entry.comparingByKey()).map(e -> "--" + e.getKey() + " " + e.getValue()).toList());
        String fullRestart = restarts.isEmpty() ? "" : """

                *After a full restart*: a member consumes and is SIGKILLed, the broker stops right after (the
                group, dead member included, stays in `__consumer_offsets`), starts again on the same data, and
                %d s later (the services' start) a new member joins, under the same `group.instance.id` when
                static. Seconds from the new member's JVM start (about 1 s of it is that JVM's start) to every
                partition worked:

                | protocol | membership | session timeout | new member's start → every partition worked |
                |---|---|---|---|
                %s
                """.formatted(startup.toSeconds(), restartTable.toString().strip());
        return """
                Seconds from a group member's SIGKILL until every partition of the topic has completed a record
                again (the dead member's partitions are the last), with the workers' consumer properties
                (`ClientProperties.jobConsumer`; classic: cooperative-sticky assignor, client-side session timeout
                and a heartbeat of a third of it; consumer: KIP-848, assignor `uniform`, the session timeout set as
                the group's `consumer.session.timeout.ms`). Two members, each a JVM of its own
                (`CrashStallMember`), consume %d records/s over %d partitions (jobs of %d ms, a commit after
                each); one is SIGKILLed. *Not replaced*: only the survivor is left. *Restarted*: a new member
                JVM starts %d ms after the kill (the supervisor's first backoff), under the dead one's
                `group.instance.id` when static. One run per cell; "—" = not within 3 × the session + 60 s.
                Embedded Kafka 4.2.1 broker (infra/local-stack), one node, loopback.
                Measured %s on %s (family %s model %s; AVX-512 %s, AVX512-VNNI %s), %s.

                | protocol | membership | session timeout | not replaced | restarted | notes |
                |---|---|---|---|---|---|
                %s
                %s
                Command (repository root): `%s`
                """.formatted(b.rate, b.partitions, b.jobMs, b.restartDelay.toMillis(), LocalDate.now(),
                CpuInfo.field("model name"), CpuInfo.field("cpu family"), CpuInfo.field("model"), CpuInfo.field("flags").contains("avx512f"),
                CpuInfo.field("flags").contains("avx512_vnni"), load, table.toString().strip(), fullRestart,
                BenchmarkDoc.command(CrashStallBenchmark.class, args));
    }

    private static String seconds(double ms) {
        return Double.isNaN(ms) ? "—" : String.format(Locale.ROOT, "%.1f", ms / 1000);
    }

    private static void pace(Duration d) {
        // Pacing of the scenario (a settle period, the supervisor's backoff), not synchronisation: every
        // wait on an outcome polls.
        LockSupport.parkNanos(d.toNanos());
    }

}
