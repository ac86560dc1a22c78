package dev.stylefleet.train.vgg;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented keys and defaults of {@link Vgg16Config}, through SmallRye Config as Quarkus uses it. */
class Vgg16ConfigTest {

    private static Vgg16Config mapping(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addSystemSources()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(Vgg16Config.class)
                .build();
        return config.getConfigMapping(Vgg16Config.class);
    }

    @Test
    void defaults() {
        Vgg16Config config = mapping(Map.of());

        assertThat(config.weightsPath()).isEmpty();
        assertThat(config.cacheDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "stylefleet", "models"));
        assertThat(config.downloadEnabled()).isTrue();
        assertThat(config.downloadUrl()).isEqualTo(URI.create(
                "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"));
        assertThat(config.sha256()).isEmpty();
        assertThat(config.md5()).isEqualTo("6d6bbae143d832006294945121d1f1fc");
        assertThat(config.downloadTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theKeysNamedInErrorMessagesAreTheMappedKeys() {
        Vgg16Config config = mapping(Map.of(
                Vgg16WeightsSource.KEY_WEIGHTS_PATH, "/models/vgg16.h5",
                Vgg16WeightsSource.KEY_CACHE_DIR, "/var/cache/stylefleet",
                Vgg16WeightsSource.KEY_DOWNLOAD_ENABLED, "false",
                Vgg16WeightsSource.KEY_SHA256, "ab".repeat(32),
                Vgg16WeightsSource.KEY_MD5, "cd".repeat(16),
                "stylefleet.train.vgg16.download-url", "http://mirror.internal/vgg16.h5"));

        assertThat(config.weightsPath()).contains(Path.of("/models/vgg16.h5"));
        assertThat(config.cacheDir()).isEqualTo(Path.of("/var/cache/stylefleet"));
        assertThat(config.downloadEnabled()).isFalse();
        assertThat(config.sha256()).contains("ab".repeat(32));
        assertThat(config.md5()).isEqualTo("cd".repeat(16));
        assertThat(config.downloadUrl()).isEqualTo(URI.create("http://mirror.internal/vgg16.h5"));
    }
}
