package dev.stylefleet.runtime.cancels;

import dev.stylefleet.platform.kafka.Cancels;
import dev.stylefleet.schemas.Topics;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@link Topics#CANCELS} for one worker, on its own thread, into a
 * {@link CancelledJobs}. A consumer outside the jobs' group (every worker must see every cancel, and
 * a cancel is not work to share out), assigned all partitions, starting {@code lookback} ago so that a
 * starting worker knows the cancels of jobs that are still queued; nothing is committed. A record that
 * is no valid {@code CancelRequested} is logged and skipped: every worker reads every cancel, so
 * dead-lettering it here would file one letter per worker.
 *
 * <p>{@link #awaitCaughtUp} lets the worker wait, before it polls its first job, until it has read
 * every cancel published before it started.
 */
public final class CancelReader implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CancelReader.class.getName());

    private final KafkaConsumer<String, byte[]> consumer;
    private final CancelledJobs cancelled;
    private final Duration lookback;
    private final Duration pollTimeout;
    /** Told each newly remembered cancel, on the reader's thread. */
    private final Consumer<String> onCancel;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean closing;

    /**
     * @param clientId names the consumer and its thread
     * @param onCancel told the job id of each cancel newly remembered, on the reader's thread
     */
    public CancelReader(String bootstrapServers, String clientId, CancelledJobs cancelled, Duration lookback,
            Duration pollTimeout, Consumer<String> onCancel) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
        this.cancelled = cancelled;
        this.lookback = lookback;
        this.pollTimeout = pollTimeout;
        this.onCancel = onCancel;
        this.thread = new Thread(this::run, clientId);
        this.thread.setDaemon(true);
    }

    public CancelReader start() {
        thread.start();
        return this;
    }

    /** True once every cancel published before {@link #start} has been read (false after the timeout). */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            Map<TopicPartition, Long> ends = assign();
            while (!closing) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(pollTimeout)) {
                    remember(r);
                }
                if (caughtUp.getCount() > 0 && ends.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // close(): the only way out of a blocking poll.
        } catch (RuntimeException e) {
            if (!closing) {
                // Jobs still run; they just are no longer stopped by cancels (the gateway's own CANCELLED
                // still answers clients). Logged once; a restart of the worker restores cancels.
                LOG.log(Level.ERROR, "cancel reader stopped: cancels are no longer applied by this worker", e);
            }
        } finally {
            caughtUp.countDown();
            consumer.close(Duration.ZERO);
        }
    }

    /** Assigns every partition at its first offset of {@code lookback} ago; returns the end offsets of now. */
    private Map<TopicPartition, Long> assign() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CANCELS).stream()
                .map(i -> new TopicPartition(Topics.CANCELS, i.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long since = System.currentTimeMillis() - lookback.toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp start = starts.get(tp);
            // No record at or after that time: start at the end known now, so nothing later is missed.
            consumer.seek(tp, start == null ? ends.get(tp) : start.offset());
        }
        LOG.log(Level.INFO, "reading {0} from {1} back ({2} partitions)", Topics.CANCELS, lookback, partitions.size());
        return ends;
    }

    private void remember(ConsumerRecord<String, byte[]> r) {
        Cancels.read(r).ifPresent(cancel -> {
            if (cancelled.add(cancel.jobId(), r.timestamp())) {
                onCancel.accept(cancel.jobId());
            }
        });
    }
}
