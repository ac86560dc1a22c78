package dev.stylefleet.platform.kafka;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings of every stylefleet producer whose sends someone awaits (the gateway's job
 * and event producers, the workers' event producers): acknowledged by all replicas, idempotent, sent
 * at once, and every wait bounded by one timeout. Serializers are the caller's.
 */
public final class BoundedProducer {
    private BoundedProducer() {}

    public static Properties properties(String bootstrapServers, String clientId, Duration timeout) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Kafka 4 clients wait 5 ms by default for more records to batch with; each send here is on
        // someone's critical path (a submit, a job's events), so every one goes at once.
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Bound every wait (metadata in send(), the acknowledgement after it) by the caller's timeout, so a
        // broker outage turns into a bounded failure instead of a hanging call, and an event given up on
        // is not delivered long after (the defaults are 60 s to block and 120 s to deliver).
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        return p;
    }
}
