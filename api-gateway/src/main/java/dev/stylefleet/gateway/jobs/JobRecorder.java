package dev.stylefleet.gateway.jobs;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.schemas.InvalidMessageException;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The owner side of job state. The gateway replicas form one consumer group on the events topic, so
 * each events partition is owned by exactly one replica, which for the jobs on it:
 * <ol>
 *   <li>folds each event into the {@link JobStore} and writes the job's snapshot to the compacted
 *       records topic ({@link JobRecordWriter}): what compaction removes from the events topic (loss
 *       history, intermediate states, the request) survives in the job's last record;</li>
 *   <li>tells the {@link OwnedJobListener} (the callback deliverer), so that at most one replica delivers
 *       callbacks for a job.</li>
 * </ol>
 * Before extending any record it waits until this replica's reader ({@link JobStateConsumer}) has read
 * the records topic up to the end offsets of that moment ("records barrier"): a record written by
 * another replica, or by this one before a restart, is then already merged, and the new record is a
 * superset of every earlier one. Offsets are committed after the records are acknowledged, so a crash
 * replays events, which folding absorbs (at-least-once, idempotent). When partitions are assigned, the
 * replica hands the terminal jobs of those partitions to the listener again (unfinished callbacks resume).
 */
@ApplicationScoped
public class JobRecorder extends RestartingConsumer {
    private static final Logger LOG = Logger.getLogger(JobRecorder.class);
    /** Re-check interval while waiting for the reader to pass the barrier. */
    private static final Duration BARRIER_CHECK = Duration.ofMillis(2);

    private final GatewayConfig.Gateway config;
    private final String bootstrapServers;
    private final JobStore store;
    private final JobStateConsumer reader;
    private final JobRecordWriter records;
    private final OwnedJobListener listener;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile int partitionCount;

    @Inject
    public JobRecorder(GatewayConfig config, JobStore store, JobStateConsumer reader, JobRecordWriter records,
            OwnedJobListener listener) {
        this.config = config.gateway();
        this.bootstrapServers = config.kafka().bootstrapServers();
        this.store = store;
        this.reader = reader;
        this.records = records;
        this.listener = listener;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stop();
    }


    /** Events partitions this replica owns now. */
    public Set<Integer> ownedPartitions() {
        return Set.copyOf(owned);
    }

    @Override
    protected String name() {
        return "stylefleet-job-recorder";
    }

    @Override
    protected Duration pollTimeout() {
        return config.eventsPollTimeout();
    }

    /** Uncommitted events are consumed again by whoever owns the partition next. */
    @Override
    protected Duration retryBackoff() {
        return config.eventsRetryBackoff();
    }

    @Override
    protected void consume(KafkaConsumer<String, byte[]> c) throws JobPublisher.EnqueueException {
        partitionCount = c.partitionsFor(Topics.JOB_EVENTS).size();
        if (partitionCount == 0) {
            throw new IllegalStateException("topic " + Topics.JOB_EVENTS + " does not exist yet");
        }
        c.subscribe(List.of(Topics.JOB_EVENTS), new Rebalance(c));
        while (running()) {
            process(c, c.poll(config.eventsPollTimeout()));
        }
    }

    @Override
    protected void afterConsumer() {
        listener.released(id -> true);
        owned.clear();
    }

    private void process(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> batch)
            throws JobPublisher.EnqueueException {
        if (batch.isEmpty()) {
            return;
        }
        awaitRecordsBarrier(c);
        Set<String> touched = new LinkedHashSet<>();
        Set<String> progressed = new LinkedHashSet<>();
        for (ConsumerRecord<String, byte[]> r : batch) {
            if (r.value() == null) {
                // A tombstone (JobRetention removed the job). Replayed events before it in this batch
                // must not put a record back behind the records topic's tombstone.
                if (r.key() != null) {
                    touched.remove(r.key());
                    progressed.remove(r.key());
                    store.forget(r.key());
                }
                continue;
            }
            JobEvent e;
            try {
                e = Messages.JOB_EVENT.decode(r.value());
            } catch (InvalidMessageException ex) {
                continue; // the reader logs and counts it
            }
            MDC.put("jobId", e.jobId());
            try {
                store.apply(e);
            } finally {
                MDC.remove("jobId");
            }
            touched.add(e.jobId());
            if (e.progress() != null) {
                progressed.add(e.jobId());
            }
        }
        records.writeAll(touched);
        c.commitSync();
        for (String id : touched) {
            Job now = store.get(id).orElse(null);
            if (now == null) {
                continue;
            }
            // Not "became terminal in this batch": the reader may have folded the event first. The
            // listener skips what it already did (the deliverer: deliveries finished or under way).
            if (now.state().terminal()) {
                listener.terminal(now);
            } else if (progressed.contains(id)) {
                listener.progress(now);
            }
        }
    }

    /** Waits until the reader has read the records topic up to its current end (see the class comment). */
    private void awaitRecordsBarrier(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> parts = c.partitionsFor(Topics.JOB_RECORDS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        Map<Integer, Long> ends = new HashMap<>();
        c.endOffsets(parts).forEach((tp, offset) -> ends.put(tp.partition(), offset));
        long deadline = System.nanoTime() + config.recordsBarrierTimeout().toNanos();
        while (!reader.reached(Topics.JOB_RECORDS, ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job-state reader did not reach " + ends + " of "
                        + Topics.JOB_RECORDS + " within " + config.recordsBarrierTimeout());
            }
            pause(BARRIER_CHECK);
        }
    }

    /** The events partition of a job id: Kafka's default partitioner (murmur2 of the key). */
    int partitionOf(String jobId) {
        return Utils.toPositive(Utils.murmur2(Topics.key(jobId).getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        Rebalance(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> owned.remove(tp.partition()));
            listener.released(id -> !owned.contains(partitionOf(id)));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> owned.add(tp.partition()));
            if (partitions.isEmpty()) {
                return;
            }
            awaitRecordsBarrier(c);
            Set<Integer> mine = Set.copyOf(owned);
            store.stream().filter(j -> j.state().terminal() && mine.contains(partitionOf(j.id())))
                    .forEach(listener::terminal);
            LOG.infof("job recorder owns events partitions %s", mine);
        }
    }

    @Override
    protected Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "stylefleet-gateway-recorder");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.groupSessionTimeout().toMillis());
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) config.groupSessionTimeout().toMillis() / 3);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return p;
    }

}
