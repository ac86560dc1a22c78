package dev.stylefleet.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test-side Kafka access on the real broker: end offsets, reading from given offsets, producing.
 * One consumer (no group, nothing committed), always assigned to the partitions it asks about.
 */
public final class KafkaProbe implements AutoCloseable {
    private static final Duration READ_PATIENCE = Duration.ofSeconds(30);

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;

    public KafkaProbe(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** End offset of every partition of the topic, by partition number. */
    public synchronized Map<Integer, Long> endOffsets(String topic) {
        List<TopicPartition> parts = assign(topic);
        Map<Integer, Long> out = new TreeMap<>();
        consumer.endOffsets(parts).forEach((tp, offset) -> out.put(tp.partition(), offset));
        return out;
    }

    /** Every record of the topic from the given offsets up to the current end. */
    public synchronized List<ConsumerRecord<String, byte[]>> readFrom(String topic, Map<Integer, Long> from) {
        List<TopicPartition> parts = assign(topic);
        Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
        for (TopicPartition tp : parts) {
            consumer.seek(tp, from.getOrDefault(tp.partition(), 0L));
        }
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        long deadline = System.nanoTime() + READ_PATIENCE.toNanos();
        while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read " + topic + " up to " + ends + " within " + READ_PATIENCE);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }

    public void send(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    private List<TopicPartition> assign(String topic) {
        List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(parts);
        return parts;
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
