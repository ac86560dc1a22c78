package dev.stylefleet.runtime;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Makes {@code session-timeout} mean the same under both group protocols. The classic client sends its
 * session timeout with every join; under KIP-848 ({@code group.protocol=consumer}) the client may not
 * set one, and the broker applies the group's {@code consumer.session.timeout.ms} (its default
 * {@code group.consumer.session.timeout.ms}, 45 s). So a worker using {@code consumer} sets its group's
 * session timeout (and a heartbeat interval of a third of it) as a dynamic group config before it
 * joins. The broker bounds both ({@code group.consumer.min/max.session.timeout.ms}, 45-60 s by default;
 * the local stack allows 1 s): a value outside them is refused, logged, and the broker's applies.
 */
public final class GroupSessionTimeout {
    private static final System.Logger LOG = System.getLogger(GroupSessionTimeout.class.getName());
    static final String SESSION = "consumer.session.timeout.ms";
    static final String HEARTBEAT = "consumer.heartbeat.interval.ms";

    private GroupSessionTimeout() {}

    /** The heartbeat interval both protocols use for a session timeout: a third of it. */
    public static Duration heartbeat(Duration session) {
        return session.dividedBy(3);
    }

    /**
     * Sets the group's session timeout and heartbeat interval on the broker (KIP-848 groups only).
     *
     * @return whether the broker took them
     */
    public static boolean apply(String bootstrapServers, String groupId, Duration session, Duration timeout) {
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, groupId);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.incrementalAlterConfigs(Map.of(group, List.of(
                    new AlterConfigOp(new ConfigEntry(SESSION, Long.toString(session.toMillis())),
                            AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry(HEARTBEAT, Long.toString(heartbeat(session).toMillis())),
                            AlterConfigOp.OpType.SET))))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.log(Level.WARNING, "group {0}: session timeout {1} not set on the broker ({2}); the broker''s "
                    + "group.consumer.session.timeout.ms applies", groupId, session, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
