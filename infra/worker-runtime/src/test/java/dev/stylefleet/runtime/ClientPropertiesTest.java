package dev.stylefleet.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.runtime.cancels.CancelSettings;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class ClientPropertiesTest {
    private static final RuntimeSettings DYNAMIC = new RuntimeSettings("localhost:9092", "g", "w-1", 2,
            Duration.ofMillis(500), Duration.ofSeconds(6), Duration.ofMinutes(5), Duration.ofSeconds(30),
            Duration.ofSeconds(30), GroupProtocol.CLASSIC, new CancelSettings(Duration.ZERO, Duration.ofHours(1), 10));

    @Test
    void aDynamicMemberNamesNoInstance() {
        Properties p = ClientProperties.jobConsumer(DYNAMIC, "c");
        assertThat(p).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(p.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo("6000");
        assertThat(p.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)).isEqualTo("2000");
    }

    @Test
    void aStaticMemberNamesItsInstanceUnderEitherProtocol() {
        assertThat(ClientProperties.jobConsumer(DYNAMIC.withGroupInstanceId("worker-infer"), "c"))
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "worker-infer");
        RuntimeSettings consumer = new RuntimeSettings(DYNAMIC.bootstrapServers(), DYNAMIC.groupId(),
                DYNAMIC.workerId(), 2, DYNAMIC.pollTimeout(), DYNAMIC.sessionTimeout(), DYNAMIC.maxPollInterval(),
                DYNAMIC.sendTimeout(), DYNAMIC.shutdownTimeout(), GroupProtocol.CONSUMER, DYNAMIC.cancels())
                .withGroupInstanceId("worker-infer");
        assertThat(ClientProperties.jobConsumer(consumer, "c"))
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "worker-infer")
                .doesNotContainKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
    }

    @Test
    void aBlankInstanceIdIsADynamicMember() {
        assertThat(DYNAMIC.withGroupInstanceId(" ").groupInstanceId()).isEmpty();
        assertThat(ClientProperties.jobConsumer(DYNAMIC.withGroupInstanceId(""), "c"))
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }
}
