package dev.stylefleet.gateway;

import dev.stylefleet.gateway.admission.AdmissionConfig;
import dev.stylefleet.platform.config.ConfigDocs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/api.md's configuration table lists exactly the keys {@link GatewayConfig} and {@link AdmissionConfig} read, with its defaults. */
class ConfigDocsTest {

    @Test
    void theConfigurationTableIsTheMapping() {
        ConfigDocs.assertAgree(List.of(GatewayConfig.class, AdmissionConfig.class), List.of(Path.of("../docs/api.md")));
    }
}
