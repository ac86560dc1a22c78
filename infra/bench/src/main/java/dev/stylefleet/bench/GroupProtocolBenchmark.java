package dev.stylefleet.bench;

import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.infra.LocalStackConfig;
import dev.stylefleet.runtime.ClientProperties;
import dev.stylefleet.runtime.GroupProtocol;
import dev.stylefleet.runtime.GroupSessionTimeout;
import dev.stylefleet.runtime.RuntimeSettings;
import dev.stylefleet.runtime.cancels.CancelSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * How long a consumer group stalls when a worker joins, leaves gracefully, or dies, under Kafka's
 * classic group protocol and KIP-848's {@code consumer} protocol, against the real embedded broker.
 *
 * <p>A steady job stream ({@code --rate} records a second, spread over {@code --partitions}
 * partitions) is consumed by two members with the workers' own consumer properties
 * ({@link ClientProperties#jobConsumer}); each record is a job of {@code --job-ms}, committed after it.
 * Then a third member joins, later leaves gracefully (close: leave group), then one of the first two
 * dies (closed without leaving the group, so only its session expiry frees its partitions). For each
 * event: the longest gap in completions across the group, the longest gap on any one partition (a
 * partition whose owner is gone waits until it is reassigned), and for the join the time until the
 * newcomer completes its first record. Both protocols get the same session timeout and heartbeat
 * interval (classic: the client's settings; consumer: the group's broker-side config).
 *
 * <p>Writes the section "Consumer group protocol: join and leave stalls" of docs/benchmarks.md.
 */
public final class GroupProtocolBenchmark {
    static final String HEADING = "## Consumer group protocol: join and leave stalls";

    private enum Event { JOIN, LEAVE, DIE }

    /** One completed record: which partition, when (nanoTime), by which member. */
    private record Completion(int partition, long at, int member) {}

    /** One event's figures, milliseconds. */
    private record Stall(double groupGapMs, double partitionGapMs, double firstRecordMs) {}

    private final String bootstrap;
    private final int partitions;
    private final int rate;
    private final int jobMs;
    private final Duration session;
    private final Duration settle;
    /** Commits refused while partitions moved, per protocol, over all repetitions. */
    private final Map<GroupProtocol, AtomicInteger> refused = new EnumMap<>(GroupProtocol.class);

    private GroupProtocolBenchmark(String bootstrap, Map<String, String> a) {
        this.bootstrap = bootstrap;
        this.partitions = Integer.parseInt(a.getOrDefault("partitions", "6"));
        this.rate = Integer.parseInt(a.getOrDefault("rate", "100"));
        this.jobMs = Integer.parseInt(a.getOrDefault("job-ms", "5"));
        this.session = Duration.ofMillis(Long.parseLong(a.getOrDefault("session-ms", "6000")));
        this.settle = Duration.ofSeconds(Long.parseLong(a.getOrDefault("settle-s", "3")));
        for (GroupProtocol p : GroupProtocol.values()) {
            refused.put(p, new AtomicInteger());
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = BenchArgs.parse(args);
        int reps = Integer.parseInt(a.getOrDefault("reps", "3"));
        String load = BenchmarkDoc.load();
        Map<GroupProtocol, Map<Event, List<Stall>>> results = new EnumMap<>(GroupProtocol.class);
        try (LocalStack stack = LocalStack.start(LocalStackConfig.ephemeral())) {
            GroupProtocolBenchmark bench = new GroupProtocolBenchmark(stack.kafkaBootstrapServers(), a);
            for (int r = 0; r < reps; r++) {
                for (GroupProtocol p : GroupProtocol.values()) {
                    Map<Event, Stall> run = bench.run(p, r);
                    run.forEach((e, s) -> results.computeIfAbsent(p, k -> new EnumMap<>(Event.class))
                            .computeIfAbsent(e, k -> new ArrayList<>()).add(s));
                    System.out.printf("rep %d %-8s %s%n", r + 1, p.kafkaName(), run);
                }
            }
            String body = bench.report(results, reps, load, a);
            System.out.println(body);
            BenchmarkDoc.writeSection(Path.of(a.getOrDefault("out", "docs/benchmarks.md")), HEADING, body);
        }
    }

    /** One repetition: two members, a join, a graceful leave, a death. */
    private Map<Event, Stall> run(GroupProtocol protocol, int rep) throws Exception {
        String topic = "bench-groups-" + protocol.kafkaName() + "-" + rep + "-" + System.nanoTime();
        String group = topic;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        if (protocol == GroupProtocol.CONSUMER && !GroupSessionTimeout.apply(bootstrap, group, session, Duration.ofSeconds(30))) {
            throw new IllegalStateException("the broker refused the group's session timeout " + session);
        }
        RuntimeSettings settings = new RuntimeSettings(bootstrap, group, "bench", 1, Duration.ofMillis(100),
                session, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ZERO, protocol,
                new CancelSettings(Duration.ZERO, Duration.ofMinutes(1), 1));
        ConcurrentLinkedQueue<Completion> done = new ConcurrentLinkedQueue<>();
        Map<Event, Stall> out = new EnumMap<>(Event.class);
        try (SteadyStream stream = new SteadyStream(bootstrap, topic, partitions, rate)) {
            Member a = new Member(settings, topic, 1, jobMs, done, refused.get(protocol)).begin();
            Member b = new Member(settings, topic, 2, jobMs, done, refused.get(protocol)).begin();
            awaitAllPartitionsFlowing(done, System.nanoTime());
            sleep(settle);

            long join = System.nanoTime();
            Member c = new Member(settings, topic, 3, jobMs, done, refused.get(protocol)).begin();
            long firstOfC = awaitFirst(done, 3, join);
            awaitAllPartitionsFlowing(done, Math.max(firstOfC, join));
            sleep(settle);
            out.put(Event.JOIN, stall(done, join, System.nanoTime(), (firstOfC - join) / 1e6));

            long leave = System.nanoTime();
            c.end(false);
            awaitAllPartitionsFlowing(done, System.nanoTime());
            sleep(settle);
            out.put(Event.LEAVE, stall(done, leave, System.nanoTime(), Double.NaN));

            long die = System.nanoTime();
            b.end(true);
            awaitAllPartitionsFlowing(done, System.nanoTime());
            sleep(settle);
            out.put(Event.DIE, stall(done, die, System.nanoTime(), Double.NaN));
            a.end(false);
        }
        return out;
    }

    /**
     * The longest gaps in completions from {@code from} to {@code to}: across the group, and on any one
     * partition; each counted from the last completion before {@code from}.
     */
    private Stall stall(Collection<Completion> all, long from, long to, double firstMs) {
        List<Completion> sorted = all.stream().sorted(Comparator.comparingLong(Completion::at)).toList();
        double group = longestGap(sorted, from, to);
        double partition = 0;
        for (int p = 0; p < partitions; p++) {
            int pp = p;
            partition = Math.max(partition, longestGap(sorted.stream().filter(c -> c.partition() == pp).toList(),
                    from, to));
        }
        return new Stall(group, partition, firstMs);
    }

    private static double longestGap(List<Completion> sorted, long from, long to) {
        long last = Long.MIN_VALUE;
        long longest = 0;
        for (Completion c : sorted) {
            if (c.at() < from) {
                last = c.at();
                continue;
            }
            if (c.at() > to) {
                break;
            }
            if (last != Long.MIN_VALUE) {
                longest = Math.max(longest, c.at() - last);
            }
            last = c.at();
        }
        return longest / 1e6;
    }

    /** Waits until every partition has completed a record after {@code since}. */
    private void awaitAllPartitionsFlowing(Collection<Completion> done, long since) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            boolean[] seen = new boolean[partitions];
            int n = 0;
            for (Completion c : done) {
                if (c.at() > since && !seen[c.partition()]) {
                    seen[c.partition()] = true;
                    n++;
                }
            }
            if (n == partitions) {
                return;
            }
            sleep(Duration.ofMillis(20));
        }
        throw new IllegalStateException("not every partition was consumed again within two minutes");
    }

    private static long awaitFirst(Collection<Completion> done, int member, long since) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            for (Completion c : done) {
                if (c.member() == member && c.at() > since) {
                    return c.at();
                }
            }
            sleep(Duration.ofMillis(5));
        }
        throw new IllegalStateException("member " + member + " got no record within two minutes");
    }

    /** A group member: the workers' consumer properties, one job at a time, a commit after each. */
    private static final class Member {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;
        private final int id;
        private final int jobMs;
        private final Collection<Completion> done;
        private final String topic;
        private volatile boolean stop;
        private volatile boolean die;
        private final AtomicInteger commitsRefused;

        Member(RuntimeSettings settings, String topic, int id, int jobMs, Collection<Completion> done,
                AtomicInteger commitsRefused) {
            this.commitsRefused = commitsRefused;
            this.consumer = new KafkaConsumer<>(ClientProperties.jobConsumer(settings, "bench-member-" + id));
            this.topic = topic;
            this.id = id;
            this.jobMs = jobMs;
            this.done = done;
            this.thread = new Thread(this::loop, "bench-member-" + id);
        }

        Member begin() {
            thread.start();
            return this;
        }

        /** Closes the member: leaving the group, or ({@code die}) without leaving, as a killed process. */
        void end(boolean dies) throws InterruptedException {
            die = dies;
            stop = true;
            thread.join(Duration.ofMinutes(1).toMillis());
        }

        /**
         * As the runtime does: a commit refused because the partition is moving (a rebalance, or KIP-848's
         * stale member epoch while the member reconciles) is logged and the loop goes on; the record may be
         * delivered again (at-least-once).
         */
        private void commit(ConsumerRecord<String, byte[]> r) {
            try {
                consumer.commitSync(Map.of(new TopicPartition(r.topic(), r.partition()),
                        new OffsetAndMetadata(r.offset() + 1)));
            } catch (KafkaException e) {
                commitsRefused.incrementAndGet();
            }
        }

        private void loop() {
            consumer.subscribe(List.of(topic));
            try {
                while (!stop) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        // The job: simulated work of a fixed length (what is measured is the group, not the job).
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(jobMs));
                        commit(r);
                        done.add(new Completion(r.partition(), System.nanoTime(), id));
                        if (stop) {
                            break;
                        }
                    }
                }
            } finally {
                consumer.close(die
                        ? CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                        : CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            }
        }
    }

    private String report(Map<GroupProtocol, Map<Event, List<Stall>>> results, int reps, String load,
            Map<String, String> a) {
        StringBuilder rows = new StringBuilder();
        for (GroupProtocol p : GroupProtocol.values()) {
            Map<Event, List<Stall>> m = results.get(p);
            rows.append(String.format("| `%s` | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %d |%n", p.kafkaName(),
                    median(m.get(Event.JOIN), Stall::firstRecordMs), median(m.get(Event.JOIN), Stall::groupGapMs),
                    median(m.get(Event.JOIN), Stall::partitionGapMs), median(m.get(Event.LEAVE), Stall::groupGapMs),
                    median(m.get(Event.LEAVE), Stall::partitionGapMs), median(m.get(Event.DIE), Stall::groupGapMs),
                    median(m.get(Event.DIE), Stall::partitionGapMs), refused.get(p).get()));
        }
        String args = String.join(" ", a.entrySet().stream().filter(e -> !e.getKey().equals("out"))
                .sorted(Map.Entry.comparingByKey()).map(e -> "--" + e.getKey() + " " + e.getValue()).toList());
        return """
                Stall of a steady job stream (%d records/s over %d partitions, jobs of %d ms, a commit after each)
                consumed by two members with the workers' consumer properties, while a third joins, then leaves
                gracefully (close, leaving the group), then one of the first two dies (closed without leaving, so
                its session of %d ms must expire). Both protocols with the same session timeout and a heartbeat
                interval of a third of it (classic: the client's `session.timeout.ms`/`heartbeat.interval.ms` as the
                workers set them; consumer: the group's `consumer.session.timeout.ms`/`consumer.heartbeat.interval.ms`,
                assignor `uniform`, set by the runtime's `GroupSessionTimeout`); classic uses the workers' assignor,
                `CooperativeStickyAssignor` (only moved partitions are revoked).
                *Group gap*: longest interval with no completion anywhere in the group; *partition gap*: longest
                interval with no completion on one partition (a moved or orphaned partition waits for its new owner);
                counted from the last completion before the event. Median of %d repetitions, milliseconds. *Commits
                refused*: a member's commit rejected while its partitions moved (the record may run again).
                Embedded Kafka 4.2.1 broker (infra/local-stack), one node, loopback.
                Measured %s on %s (%s; AVX-512 %s, AVX512-VNNI %s), %s.

                | protocol | join: newcomer's first record | join: group gap | join: partition gap | leave: group gap | leave: partition gap | death: group gap | death: partition gap | commits refused (all runs) |
                |---|---|---|---|---|---|---|---|---|
                %s

                Command (repository root): `%s`
                """.formatted(rate, partitions, jobMs, session.toMillis(), reps, LocalDate.now(), CpuInfo.field("model name"),
                "family " + CpuInfo.field("cpu family") + " model " + CpuInfo.field("model"), CpuInfo.field("flags").contains("avx512f"),
                CpuInfo.field("flags").contains("avx512_vnni"), load, rows.toString().strip(),
                BenchmarkDoc.command(GroupProtocolBenchmark.class, args));
    }

    private static double median(List<Stall> stalls, java.util.function.ToDoubleFunction<Stall> f) {
        double[] v = stalls.stream().mapToDouble(f).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[v.length / 2];
    }

    private static void sleep(Duration d) {
        // Pacing of the scenario (how long to observe), not synchronisation: every wait on an outcome polls.
        LockSupport.parkNanos(d.toNanos());
    }

}
