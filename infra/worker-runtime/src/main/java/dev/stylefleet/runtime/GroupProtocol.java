package dev.stylefleet.runtime;

import java.util.Locale;

/**
 * Which Kafka consumer group protocol the job consumer speaks ({@code group.protocol}).
 * {@link #CLASSIC} is the pre-4.0 one: the group coordinator stops the whole group for a rebalance
 * (join and sync rounds) and the client owns the session timeout and heartbeat interval.
 * {@link #CONSUMER} is KIP-848's: the broker computes assignments and moves partitions one member at
 * a time, and the session timeout and heartbeat interval are broker settings
 * ({@code group.consumer.session.timeout.ms}, {@code group.consumer.heartbeat.interval.ms}); setting
 * them on the client is a configuration error. docs/worker-runtime.md has the measured stalls that
 * chose the default.
 */
public enum GroupProtocol {
    CLASSIC,
    CONSUMER;

    /** The value of Kafka's {@code group.protocol}. */
    public String kafkaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code classic} or {@code consumer}, case-insensitive. */
    public static GroupProtocol parse(String value) {
        for (GroupProtocol p : values()) {
            if (p.kafkaName().equalsIgnoreCase(value.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("group-protocol must be classic or consumer, was '" + value + "'");
    }
}
