package dev.stylefleet.train.job;

import dev.stylefleet.platform.config.ConfigDocs;
import dev.stylefleet.train.vgg.Vgg16Config;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/training.md's configuration tables list exactly the keys {@link TrainWorkerConfig} and
 * {@link Vgg16Config} read, with their defaults.
 */
class ConfigDocsTest {

    @Test
    void theConfigurationTablesAreTheMappings() {
        ConfigDocs.assertAgree(List.of(TrainWorkerConfig.class, Vgg16Config.class),
                List.of(Path.of("../docs/training.md")));
    }
}
