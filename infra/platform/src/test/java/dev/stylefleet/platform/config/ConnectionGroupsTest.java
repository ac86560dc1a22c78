package dev.stylefleet.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared connection groups through SmallRye Config as Quarkus uses it: keys and documented defaults. */
class ConnectionGroupsTest {

    /** What each service's mapping does: the two groups under {@code stylefleet}. */
    @ConfigMapping(prefix = "stylefleet")
    interface ServiceConfig {
        KafkaConnection kafka();

        S3Connection s3();
    }

    private static ServiceConfig mapping(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(ServiceConfig.class)
                .withValidateUnknown(false)
                .build();
        return config.getConfigMapping(ServiceConfig.class);
    }

    @Test
    void defaultsAreTheLocalStacks() {
        ServiceConfig c = mapping(Map.of());
        assertThat(c.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.s3().endpoint()).isEqualTo("http://localhost:9000");
        assertThat(c.s3().accessKey()).isEqualTo("stylefleet");
        assertThat(c.s3().secretKey()).isEqualTo("stylefleet-secret");
    }

    @Test
    void readsTheSharedKeys() {
        ServiceConfig c = mapping(Map.of(
                "stylefleet.kafka.bootstrap-servers", "kafka-0:9092,kafka-1:9092",
                "stylefleet.s3.endpoint", "https://s3.example.com",
                "stylefleet.s3.access-key", "AKIA",
                "stylefleet.s3.secret-key", "s3cr3t"));
        assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka-0:9092,kafka-1:9092");
        assertThat(c.s3().endpoint()).isEqualTo("https://s3.example.com");
        assertThat(c.s3().accessKey()).isEqualTo("AKIA");
        assertThat(c.s3().secretKey()).isEqualTo("s3cr3t");
    }
}
