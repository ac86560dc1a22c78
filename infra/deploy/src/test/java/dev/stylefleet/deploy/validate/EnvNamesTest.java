package dev.stylefleet.deploy.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnvNamesTest {

    @Test
    void aKeyBecomesItsVariableAsSmallRyeReadsIt() {
        assertThat(EnvNames.of("stylefleet.infer.shutdown-timeout")).isEqualTo("STYLEFLEET_INFER_SHUTDOWN_TIMEOUT");
        assertThat(EnvNames.of("quarkus.http.port")).isEqualTo("QUARKUS_HTTP_PORT");
    }

    @Test
    void aVariableSetsTheKnownKeyWhoseFormItIs() {
        List<String> keys = List.of("stylefleet.infer.device", "stylefleet.api-keys.*", "stylefleet.limits.max-side");

        assertThat(EnvNames.keyOf("STYLEFLEET_INFER_DEVICE", keys)).contains("stylefleet.infer.device");
        assertThat(EnvNames.keyOf("STYLEFLEET_API_KEYS_SECRET_1", keys)).contains("stylefleet.api-keys.*");
        assertThat(EnvNames.keyOf("STYLEFLEET_API_KEYS_", keys)).isEmpty();
        assertThat(EnvNames.keyOf("STYLEFLEET_INFER_DEVISE", keys)).isEmpty();
        assertThat(EnvNames.keyOf("stylefleet.infer.device", keys)).contains("stylefleet.infer.device");
    }
}
