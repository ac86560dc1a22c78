package dev.stylefleet.bench;

import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The group benchmarks' steady job stream: {@code rate} records a second, round-robin over the partitions,
 * so that every partition has work and a stall shows as a partition with no completed record.
 */
final class SteadyStream implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private volatile boolean stop;

    SteadyStream(String bootstrap, String topic, int partitions, int rate) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        this.thread = new Thread(() -> {
            long next = System.nanoTime();
            for (long i = 0; !stop; i++) {
                producer.send(new ProducerRecord<>(topic, (int) (i % partitions), "job-" + i, new byte[16]));
                next += interval;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }, "bench-stream");
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join();
        producer.close();
    }
}
