package dev.stylefleet.infra;

import dev.stylefleet.schemas.DeadLetter;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * For tests: reads the job-event and dead-letter topics from "now" on, without a consumer group. The start
 * position is resolved eagerly, so nothing published after construction can be missed. Not thread
 * safe: poll it from the test thread (Awaitility's pollInSameThread).
 */
public final class JobEventTap implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<JobEvent> events = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();

    public JobEventTap(String bootstrapServers) {
        consumer = fromNow(bootstrapServers, List.of(Topics.JOB_EVENTS, Topics.DEAD_LETTER));
    }

    /**
     * A consumer outside any group, assigned every partition of the topics and positioned at their end
     * as of this call (resolved eagerly: {@code seekToEnd} alone is lazy), so nothing published after it
     * returns can be missed. Also used by harnesses that read the events on a thread of their own.
     */
    public static KafkaConsumer<String, byte[]> fromNow(String bootstrapServers, List<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Polls briefly, then returns every event of the job seen so far, in order. */
    public List<JobEvent> events(String jobId) {
        drain();
        return events.stream().filter(e -> e.jobId().equals(jobId)).toList();
    }

    /** The job's events once the last one is terminal, else null (for Awaitility's until). */
    public List<JobEvent> terminal(String jobId) {
        List<JobEvent> mine = events(jobId);
        return !mine.isEmpty() && mine.get(mine.size() - 1).state().terminal() ? mine : null;
    }

    public List<DeadLetter> deadLetters() {
        drain();
        return List.copyOf(deadLetters);
    }

    private void drain() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            if (r.value() == null) {
                continue; // a tombstone: the gateway removed the job after its job-retention
            }
            if (r.topic().equals(Topics.JOB_EVENTS)) {
                events.add(Messages.JOB_EVENT.decode(r.value()));
            } else {
                deadLetters.add(Messages.DEAD_LETTER.decode(r.value()));
            }
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ZERO);
    }
}
