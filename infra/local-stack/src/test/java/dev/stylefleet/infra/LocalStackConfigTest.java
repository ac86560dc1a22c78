package dev.stylefleet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalStackConfigTest {
    @Test
    void defaultsMatchTheSharedConfigurationDefaults() {
        LocalStackConfig c = LocalStackConfig.defaults();

        assertThat(c.kafkaPort()).isEqualTo(9092);
        assertThat(c.s3Port()).isEqualTo(9000);
        assertThat(c.dataDir()).isEqualTo(Path.of(".stylefleet/data"));
        assertThat(c.deleteOnClose()).isFalse();
        assertThat(c.s3AccessKey()).isEqualTo("stylefleet");
        assertThat(c.s3SecretKey()).isEqualTo("stylefleet-secret");
    }

    @Test
    void ephemeralUsesAnyFreePortAndAThrowawayDirectory() {
        LocalStackConfig c = LocalStackConfig.ephemeral();

        assertThat(c.kafkaPort()).isZero();
        assertThat(c.s3Port()).isZero();
        assertThat(c.dataDir()).isNull();
        assertThat(c.deleteOnClose()).isTrue();
    }

    @Test
    void aGivenDataDirIsKept() {
        LocalStackConfig c = LocalStackConfig.ephemeral().withDataDir(Path.of("/tmp/x"));

        assertThat(c.deleteOnClose()).isFalse();
        assertThat(c.kafkaPort()).isZero();
    }

    @Test
    void noDataDirMeansDeleteOnCloseWhateverIsAsked() {
        assertThat(new LocalStackConfig(0, 0, null, false, "a", "b").deleteOnClose()).isTrue();
    }

    @Test
    void portsOutOfRangeNameTheField() {
        assertThatThrownBy(() -> LocalStackConfig.defaults().withPorts(70000, 9000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafkaPort").hasMessageContaining("70000");
        assertThatThrownBy(() -> LocalStackConfig.defaults().withPorts(9092, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3Port");
    }

    @Test
    void kafkaAndS3CannotShareAFixedPort() {
        assertThatThrownBy(() -> LocalStackConfig.defaults().withPorts(9000, 9000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
    }

    @Test
    void blankCredentialsAreRejected() {
        assertThatThrownBy(() -> new LocalStackConfig(0, 0, null, true, " ", "secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3AccessKey");
    }
}
