package dev.stylefleet.runtime;

import dev.stylefleet.platform.kafka.BoundedProducer;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka client properties of a worker's job consumer and event producer (public for the group protocol benchmark). */
public final class ClientProperties {
    /**
     * KIP-848's broker-side assignor that spreads partitions evenly and keeps them where they are when it
     * can, so a join or leave moves only the partitions that must move.
     */
    static final String CONSUMER_PROTOCOL_ASSIGNOR = "uniform";

    private ClientProperties() {}

    public static Properties jobConsumer(RuntimeSettings s, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, s.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A group with no committed offset yet must still run jobs submitted before it first joined.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Never more than the slots; the loop fetches only while a slot is free and gives back the excess.
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(s.concurrency()));
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(s.maxPollInterval().toMillis()));
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, s.groupProtocol().kafkaName());
        // Static membership: a restarted process that names itself the same takes its predecessor's place
        // (and partitions) without a rebalance, if it rejoins within the session timeout.
        s.groupInstanceId().ifPresent(id -> p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        if (s.groupProtocol() == GroupProtocol.CLASSIC) {
            p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(s.sessionTimeout().toMillis()));
            // The classic protocol wants heartbeats at most a third of the session timeout apart.
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(GroupSessionTimeout.heartbeat(s.sessionTimeout()).toMillis()));
            // Incremental (cooperative) rebalancing: a join or leave revokes only the partitions that move.
            // The client's default list starts with the eager RangeAssignor, which revokes every partition
            // of every member at each rebalance, so each running job would be handed over (training jobs
            // suspended) even when its partition stays.
            p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        } else {
            // Session timeout and heartbeat interval are the broker's (group.consumer.*); the client must not
            // set them (ConfigException).
            p.put(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, CONSUMER_PROTOCOL_ASSIGNOR);
        }
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    public static Properties eventProducer(RuntimeSettings s, String clientId) {
        // Every wait bounded by send-timeout: an event given up on must not be delivered long after,
        // when its record has already been run again.
        Properties p = BoundedProducer.properties(s.bootstrapServers(), clientId, s.sendTimeout());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
