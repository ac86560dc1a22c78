package dev.stylefleet.gateway.jobs;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.schemas.InvalidMessageException;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Materialises job state: reads {@link Topics#JOB_RECORDS} (the gateway's snapshots),
 * {@link Topics#JOB_EVENTS} (states, results, errors, progress, straight from the workers) and the
 * request topics {@link Topics#INFER_JOBS} and {@link Topics#TRAIN_JOBS} from the beginning and folds
 * every record into the {@link JobStore}. Records alone would do after compaction; events are read too
 * so that a state change shows without waiting for the recorder's snapshot.
 *
 * <p>Every gateway instance must see every job, so there is no consumer group: the consumer assigns
 * itself all partitions and commits nothing. It runs on its own thread because KafkaConsumer is
 * single-threaded and poll() blocks. The store counts as caught up once the consumer's position
 * reaches, on every partition, the end offset that partition had when the consumer started.
 *
 * <p>A tombstone (null value) on the records or events topic removes the job ({@link JobRetention}).
 * Records that fail their schema are logged and skipped, not dead-lettered: this consumer is a
 * reader of topics owned by others and rereads them on every start, so it would dead-letter the same
 * record again and again.
 */
@ApplicationScoped
public class JobStateConsumer extends RestartingConsumer {
    private static final Logger LOG = Logger.getLogger(JobStateConsumer.class);
    private static final List<String> TOPICS = List.of(Topics.JOB_EVENTS, Topics.INFER_JOBS, Topics.TRAIN_JOBS,
            Topics.JOB_RECORDS);

    private final String bootstrapServers;
    private final Duration pollTimeout;
    private final Duration retryBackoff;
    private final JobStore store;
    private final AtomicLong skipped = new AtomicLong();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> lags = new ConcurrentHashMap<>();

    @Inject
    public JobStateConsumer(GatewayConfig config, JobStore store) {
        this(config.kafka().bootstrapServers(), config.gateway().eventsPollTimeout(),
                config.gateway().eventsRetryBackoff(), store);
    }

    public JobStateConsumer(String bootstrapServers, Duration pollTimeout, Duration retryBackoff, JobStore store) {
        this.bootstrapServers = bootstrapServers;
        this.pollTimeout = pollTimeout;
        this.retryBackoff = retryBackoff;
        this.store = store;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stop();
    }


    /** True once this reader has read every partition of the topic up to (at least) the given offsets. */
    public boolean reached(String topic, Map<Integer, Long> offsets) {
        for (Map.Entry<Integer, Long> e : offsets.entrySet()) {
            Long p = positions.get(new TopicPartition(topic, e.getKey()));
            if (p == null || p < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Records not yet read, per topic, as of the last poll (the consumer-lag metric). */
    public Map<String, Long> lagByTopic() {
        Map<String, Long> out = new java.util.TreeMap<>();
        TOPICS.forEach(t -> out.put(t, 0L));
        lags.forEach((tp, lag) -> out.merge(tp.topic(), lag, Long::sum));
        return out;
    }

    /** Records skipped because they violated their schema (exposed for diagnostics). */
    public long skipped() {
        return skipped.get();
    }


    @Override
    protected String name() {
        return "stylefleet-job-state";
    }

    @Override
    protected Duration pollTimeout() {
        return pollTimeout;
    }

    /** A restart rereads from the beginning: folding is idempotent, so that only costs time. */
    @Override
    protected Duration retryBackoff() {
        return retryBackoff;
    }

    /** Reads from the beginning, then follows the topics. */
    @Override
    protected void consume(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = partitions(c);
        if (partitions == null) {
            return;
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> startupEnds = c.endOffsets(partitions);
        while (running()) {
            for (ConsumerRecord<String, byte[]> record : c.poll(pollTimeout)) {
                fold(record);
            }
            for (TopicPartition tp : partitions) {
                positions.put(tp, c.position(tp));
                c.currentLag(tp).ifPresent(lag -> lags.put(tp, lag));
            }
            if (!store.caughtUp() && reached(c, startupEnds)) {
                store.markCaughtUp();
                LOG.infof("job state caught up: %d jobs", store.size());
            }
        }
    }

    /** All partitions of our topics; waits (polling metadata) until the topics exist. Null on shutdown. */
    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        while (running()) {
            List<TopicPartition> all = new ArrayList<>();
            boolean complete = true;
            for (String topic : TOPICS) {
                List<PartitionInfo> infos = c.partitionsFor(topic);
                if (infos == null || infos.isEmpty()) {
                    complete = false;
                    LOG.warnf("topic %s not found yet; retrying in %s", topic, retryBackoff);
                    break;
                }
                infos.forEach(i -> all.add(new TopicPartition(i.topic(), i.partition())));
            }
            if (complete) {
                return all;
            }
            pause(retryBackoff);
        }
        return null;
    }

    private static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void fold(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            // A tombstone: the replica owning the job removed it after job-retention (JobRetention).
            // On the request topics a null value means nothing and is skipped.
            if (record.key() != null && (record.topic().equals(Topics.JOB_RECORDS)
                    || record.topic().equals(Topics.JOB_EVENTS))) {
                store.forget(record.key());
            }
            return;
        }
        try {
            switch (record.topic()) {
                case Topics.JOB_EVENTS -> store.apply(Messages.JOB_EVENT.decode(record.value()));
                case Topics.INFER_JOBS -> {
                    if (!described(record.key())) {
                        store.apply(Messages.INFER_JOB_REQUESTED.decode(record.value()));
                    }
                }
                case Topics.TRAIN_JOBS -> {
                    if (!described(record.key())) {
                        store.apply(Messages.TRAIN_JOB_REQUESTED.decode(record.value()));
                    }
                }
                case Topics.JOB_RECORDS -> store.apply(Messages.JOB_RECORD.decode(record.value()));
                default -> { }
            }
        } catch (InvalidMessageException e) {
            skipped.incrementAndGet();
            LOG.warnf("skipping %s@%d:%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    /**
     * Whether the job is already known with its request (from its QUEUED event or record, as for
     * every job this gateway accepted): its request message then adds nothing, and is not decoded. An
     * inference request can carry the whole input image inline, and decoding it on every replica would
     * cost each of them as much as the submission itself.
     */
    private boolean described(String jobId) {
        return jobId != null && store.get(jobId).map(j -> j.request() != null).orElse(false);
    }

    @Override
    protected Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "stylefleet-gateway-state");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A reader must never create topics: their partition counts are decided by Topics.ALL.
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return p;
    }

}
