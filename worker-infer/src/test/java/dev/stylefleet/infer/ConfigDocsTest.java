package dev.stylefleet.infer;

import dev.stylefleet.platform.config.ConfigDocs;
import dev.stylefleet.infer.messaging.InferWorkerConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/inference.md's configuration table lists exactly the keys {@link InferWorkerConfig} reads, with its defaults. */
class ConfigDocsTest {

    @Test
    void theConfigurationTableIsTheMapping() {
        ConfigDocs.assertAgree(List.of(InferWorkerConfig.class), List.of(Path.of("../docs/inference.md")));
    }
}
