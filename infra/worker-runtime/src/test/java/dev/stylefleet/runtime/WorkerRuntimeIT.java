package dev.stylefleet.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.infra.JobEventTap;
import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.runtime.cancels.CancelSettings;
import dev.stylefleet.schemas.DeadLetter;
import dev.stylefleet.schemas.InvalidMessageException;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The runtime against the real embedded broker with a trivial job handler (a job is its id as the
 * record value; an empty value is invalid): slots bound the jobs in flight, every job ends with one
 * terminal event and a commit, invalid records are dead-lettered, and a stop leaves a job that
 * suspends itself uncommitted for another member to run. Both group protocols.
 */
class WorkerRuntimeIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String TENANT = "runtime-it";
    private static final int PARTITIONS = 3;

    private static LocalStack stack;
    private static KafkaProducer<String, byte[]> producer;
    private static Admin admin;
    private final List<WorkerRuntime<String>> runtimes = new ArrayList<>();
    private JobEventTap tap;

    @BeforeAll
    static void start() {
        stack = LocalStack.shared();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
    }

    @AfterAll
    static void stopClients() {
        producer.close();
        admin.close();
    }

    @AfterEach
    void stopRuntimes() {
        runtimes.forEach(r -> r.stop(Duration.ZERO));
        if (tap != null) {
            tap.close();
        }
    }

    /** The handler: runs a job by waiting on {@link #release} (if set), counting how many run at once. */
    static final class TrivialHandler implements JobHandler<String> {
        final String topic;
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final Set<String> ran = ConcurrentHashMap.newKeySet();
        volatile CountDownLatch release;
        /** A job that reacts to STOP by leaving itself uncommitted, as training suspends. */
        volatile boolean suspendOnStop;
        /** A job that reacts to STOP by finishing at once, as a short inference job does. */
        volatile boolean finishOnStop;
        /** How many times each job was started, across every runtime sharing this handler. */
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

        TrivialHandler(String topic) {
            this.topic = topic;
        }

        @Override
        public String name() {
            return "trivial";
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public JobKind kind() {
            return JobKind.INFER;
        }

        @Override
        public String decode(byte[] value) throws InvalidMessageException {
            if (value == null || value.length == 0) {
                throw new InvalidMessageException("empty job");
            }
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public String jobId(String job) {
            return job;
        }

        @Override
        public String tenant(String job) {
            return TENANT;
        }

        @Override
        public JobResult run(String job, JobContext context) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            runs.computeIfAbsent(job, k -> new AtomicInteger()).incrementAndGet();
            try {
                CountDownLatch r = release;
                while (r != null && r.getCount() > 0) {
                    if (suspendOnStop && context.stopRequested()) {
                        return JobResult.leaveUncommitted("suspended by the stop");
                    }
                    if (finishOnStop && context.stopRequested()) {
                        break;
                    }
                    context.abandonIfStopped();
                    r.await(10, TimeUnit.MILLISECONDS);
                }
                ran.add(job);
                return JobResult.terminal(JobEvent.of(job, TENANT, JobKind.INFER, JobState.SUCCEEDED,
                        context.workerId()).withResult(new JobEvent.Result("results/" + job, "text/plain", 1, 1, null)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobAbandoned("interrupted");
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GroupProtocol.class)
    void jobsRunAtMostConcurrencyAtOnceEndOnceAndAreCommitted(GroupProtocol protocol) throws Exception {
        String topic = freshTopic();
        String group = "runtime-it-" + shortId();
        TrivialHandler handler = new TrivialHandler(topic);
        handler.release = new CountDownLatch(1);
        tap = new JobEventTap(stack.kafkaBootstrapServers());
        WorkerRuntime<String> runtime = start(settings(group, protocol).withConcurrency(2), handler);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = "job-" + shortId();
            jobs.add(id);
            send(topic, id, id.getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(DEADLINE).until(() -> handler.running.get() == 2);
        assertThat(runtime.jobsInHand()).hasSize(2);
        handler.release.countDown();
        for (String id : jobs) {
            List<JobEvent> events = await().atMost(DEADLINE).until(() -> tap.terminal(id), e -> e != null);
            assertThat(events).extracting(JobEvent::state).containsExactly(JobState.RUNNING, JobState.SUCCEEDED);
        }
        assertThat(handler.mostAtOnce.get()).as("never more jobs than slots").isEqualTo(2);
        await().atMost(DEADLINE).until(() -> committedTotal(group, topic) == jobs.size());
        assertThat(runtime.health().up()).isTrue();
    }

    /**
     * Scale-out under load: a newcomer takes a partition whose job is running here. The job is told to
     * stop, finishes here and is committed before the hand-over, so the newcomer does not run it again.
     */
    @ParameterizedTest
    @EnumSource(GroupProtocol.class)
    void aJobOnAPartitionThatMovesFinishesBeforeTheHandOverAndRunsOnce(GroupProtocol protocol) throws Exception {
        String topic = freshTopic();
        String group = "runtime-it-" + shortId();
        TrivialHandler handler = new TrivialHandler(topic);
        handler.release = new CountDownLatch(1);
        handler.finishOnStop = true;
        tap = new JobEventTap(stack.kafkaBootstrapServers());
        start(settings(group, protocol).withConcurrency(PARTITIONS), handler);
        List<String> jobs = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            String id = "job-" + shortId();
            jobs.add(id);
            producer.send(new ProducerRecord<>(topic, p, id, id.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        }
        await().atMost(DEADLINE).until(() -> handler.running.get() == PARTITIONS);

        start(settings(group, protocol).withConcurrency(PARTITIONS), handler);
        // The newcomer's partition(s) are revoked here: their jobs are told to stop and finish.
        await().atMost(DEADLINE).until(() -> handler.running.get() < PARTITIONS);
        handler.release.countDown();

        for (String id : jobs) {
            List<JobEvent> events = await().atMost(DEADLINE).until(() -> tap.terminal(id), e -> e != null);
            assertThat(events.stream().filter(e -> e.state().terminal())).as(id).hasSize(1);
        }
        await().atMost(DEADLINE).until(() -> committedTotal(group, topic) == PARTITIONS);
        assertThat(handler.runs).as("every job started once").allSatisfy((id, n) -> assertThat(n.get()).isEqualTo(1));
        assertThat(tap.events(jobs.get(0)).stream().filter(e -> e.state().terminal())).hasSize(1);
    }

    @Test
    void anInvalidRecordIsDeadLetteredAndCommittedPast() throws Exception {
        String topic = freshTopic();
        String group = "runtime-it-" + shortId();
        tap = new JobEventTap(stack.kafkaBootstrapServers());
        start(settings(group, GroupProtocol.CLASSIC), new TrivialHandler(topic));
        String badKey = "bad-" + shortId();
        send(topic, badKey, new byte[0]);
        DeadLetter letter = await().atMost(DEADLINE).until(() -> tap.deadLetters().stream()
                .filter(d -> badKey.equals(d.key())).findFirst().orElse(null), d -> d != null);
        assertThat(letter.consumer()).isEqualTo("worker-trivial");
        assertThat(letter.reason()).contains("empty job");
        await().atMost(DEADLINE).until(() -> committedTotal(group, topic) == 1);
    }

    @ParameterizedTest
    @EnumSource(GroupProtocol.class)
    void aStopLeavesASuspendedJobUncommittedAndAnotherMemberRunsItOnce(GroupProtocol protocol) throws Exception {
        String topic = freshTopic();
        String group = "runtime-it-" + shortId();
        TrivialHandler first = new TrivialHandler(topic);
        first.release = new CountDownLatch(1);
        first.suspendOnStop = true;
        tap = new JobEventTap(stack.kafkaBootstrapServers());
        WorkerRuntime<String> a = start(settings(group, protocol), first);
        String id = "job-" + shortId();
        send(topic, id, id.getBytes(StandardCharsets.UTF_8));
        await().atMost(DEADLINE).until(() -> first.running.get() == 1);

        assertThat(a.stop(Duration.ofSeconds(30))).as("stopped: the job suspended itself at once").isTrue();
        assertThat(a.isRunning()).isFalse();
        assertThat(committedTotal(group, topic)).as("the suspended job stays uncommitted").isZero();
        assertThat(tap.events(id)).extracting(JobEvent::state).containsExactly(JobState.RUNNING);

        TrivialHandler second = new TrivialHandler(topic);
        WorkerRuntime<String> b = start(settings(group, protocol), second);
        List<JobEvent> events = await().atMost(DEADLINE).until(() -> tap.terminal(id), e -> e != null);
        assertThat(events.stream().filter(e -> e.state().terminal())).hasSize(1);
        assertThat(events.get(events.size() - 1).worker()).isEqualTo(b.workerId());
        assertThat(second.ran).containsExactly(id);
        await().atMost(DEADLINE).until(() -> committedTotal(group, topic) == 1);
    }

    private WorkerRuntime<String> start(RuntimeSettings settings, TrivialHandler handler) {
        WorkerRuntime<String> r = new WorkerRuntime<>(settings, handler, JobStageListener.NONE).start();
        runtimes.add(r);
        return r;
    }

    private static RuntimeSettings settings(String group, GroupProtocol protocol) {
        return new RuntimeSettings(stack.kafkaBootstrapServers(), group, "w-" + shortId(), 1,
                Duration.ofMillis(100), Duration.ofSeconds(6), Duration.ofMinutes(5), Duration.ofSeconds(10),
                Duration.ofSeconds(10), protocol, new CancelSettings(Duration.ZERO, Duration.ofMinutes(10), 100));
    }

    private static String freshTopic() throws Exception {
        String topic = "runtime-it-" + shortId();
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        return topic;
    }

    private static void send(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
    }

    /** Sum of the group's committed offsets on the topic: the number of records committed past. */
    private static long committedTotal(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
