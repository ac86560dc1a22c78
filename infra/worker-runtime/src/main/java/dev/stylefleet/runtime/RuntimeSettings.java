package dev.stylefleet.runtime;

import dev.stylefleet.runtime.cancels.CancelSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link WorkerRuntime} runs with, one type for both workers. Each worker's config mapping
 * produces it from its {@code stylefleet.{infer,train}.*} keys (docs/worker-runtime.md lists them; the
 * defaults differ per worker and live in the mappings).
 *
 * @param bootstrapServers Kafka cluster
 * @param groupId          consumer group; every worker of a kind shares one
 * @param workerId         written into every JobEvent the worker publishes
 * @param concurrency      jobs run at once; records are fetched only for free slots
 * @param pollTimeout      longest one poll blocks; bounds how quickly a stop is noticed
 * @param sessionTimeout   how long until a silent (crashed) worker's jobs move on; sent by the client
 *                         with the classic protocol only (the broker owns it with {@code consumer})
 * @param maxPollInterval  Kafka's {@code max.poll.interval.ms}; the loop polls every {@code pollTimeout}
 *                         even while jobs run (partitions paused), so it does not bound a job
 * @param sendTimeout      how long to wait for the broker to acknowledge a JobEvent
 * @param shutdownTimeout  the grace a stop gives the jobs in hand (the service's SIGTERM)
 * @param groupProtocol    {@code classic} or {@code consumer} (KIP-848)
 * @param cancels          how cancels are followed: look-back, expiry, how many are remembered
 * @param groupInstanceId  Kafka's {@code group.instance.id} (static membership): a name that outlives the
 *                         process, so that a restarted worker rejoins as the same member and gets its
 *                         partitions back without a rebalance; empty = a dynamic member
 */
public record RuntimeSettings(
        String bootstrapServers,
        String groupId,
        String workerId,
        int concurrency,
        Duration pollTimeout,
        Duration sessionTimeout,
        Duration maxPollInterval,
        Duration sendTimeout,
        Duration shutdownTimeout,
        GroupProtocol groupProtocol,
        CancelSettings cancels,
        Optional<String> groupInstanceId) {

    /** Settings of a dynamic group member (no {@code group.instance.id}). */
    public RuntimeSettings(String bootstrapServers, String groupId, String workerId, int concurrency,
            Duration pollTimeout, Duration sessionTimeout, Duration maxPollInterval, Duration sendTimeout,
            Duration shutdownTimeout, GroupProtocol groupProtocol, CancelSettings cancels) {
        this(bootstrapServers, groupId, workerId, concurrency, pollTimeout, sessionTimeout, maxPollInterval,
                sendTimeout, shutdownTimeout, groupProtocol, cancels, Optional.empty());
    }

    public RuntimeSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(groupProtocol, "groupProtocol");
        Objects.requireNonNull(cancels, "cancels");
        groupInstanceId = Objects.requireNonNull(groupInstanceId, "groupInstanceId").filter(id -> !id.isBlank());
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
        for (Duration d : new Duration[] {pollTimeout, sessionTimeout, maxPollInterval, sendTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("poll-timeout, session-timeout, max-poll-interval and "
                        + "send-timeout must be positive, one was " + d);
            }
        }
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdown-timeout must be >= 0, was " + shutdownTimeout);
        }
    }

    public RuntimeSettings withConcurrency(int n) {
        return new RuntimeSettings(bootstrapServers, groupId, workerId, n, pollTimeout, sessionTimeout,
                maxPollInterval, sendTimeout, shutdownTimeout, groupProtocol, cancels, groupInstanceId);
    }

    /** The same settings as a static member named {@code id} (blank = dynamic). */
    public RuntimeSettings withGroupInstanceId(String id) {
        return new RuntimeSettings(bootstrapServers, groupId, workerId, concurrency, pollTimeout, sessionTimeout,
                maxPollInterval, sendTimeout, shutdownTimeout, groupProtocol, cancels, Optional.ofNullable(id));
    }

    /** {@code hostname-pid}: unique per process, and says where to look. */
    public static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
