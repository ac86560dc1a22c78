package dev.stylefleet.platform.config;

import io.smallrye.config.WithDefault;

/**
 * How a service reaches Kafka: the group {@code stylefleet.kafka.*} of every service's
 * {@code @ConfigMapping(prefix = "stylefleet")}. Declared once so that the gateway and both workers read
 * the same keys with the same defaults, and the launcher can hand one set of values to all of them.
 * Defaults match the local stack ({@code ./stylefleet up}).
 */
public interface KafkaConnection {

    /** The default of {@link #bootstrapServers()}: the local stack's broker. */
    String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    /** {@code stylefleet.kafka.bootstrap-servers}: the Kafka cluster, {@code host:port[,host:port...]}. */
    @WithDefault(DEFAULT_BOOTSTRAP_SERVERS)
    String bootstrapServers();
}
