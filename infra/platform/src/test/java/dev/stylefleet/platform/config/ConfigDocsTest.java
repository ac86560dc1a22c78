package dev.stylefleet.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docs-versus-mappings check itself: how it reads keys on both sides and what it reports. */
class ConfigDocsTest {

    @ConfigMapping(prefix = "demo")
    interface DemoConfig {
        KafkaConnection kafka();

        Map<String, String> apiKeys();

        Optional<String> publicBaseUrl();

        Part part();

        interface Part {
            @WithDefault("15S")
            Duration enqueueTimeout();

            @WithName("renamed")
            @WithDefault("3")
            int original();

            Optional<List<String>> allowList();

            default int derived() {
                return original() * 2;
            }
        }

        default String notAKey() {
            return "";
        }
    }

    private static final String TABLE = """
            Some prose with `demo.not-a-row` in it.

            | key | default | meaning |
            |---|---|---|
            | `demo.kafka.bootstrap-servers` | `localhost:9092` | Kafka |
            | `demo.api-keys.<key>` | none; then `local-dev-key` | tenant of a key |
            | `demo.public-base-url` | unset | prefix |
            | `demo.part.enqueue-timeout` | `15S` | wait |
            | `demo.part.renamed` | `3` (three) | renamed |
            | `demo.part.allow-list` | empty | exceptions |
            | `quarkus.http.port` | `8080` | a key of Quarkus itself, outside the check |

            | topic | cleanup |
            |---|---|
            | `demo.some-topic` | compact |
            """;

    @Test
    void readsTheKeysOfAMappingAsSmallRyeNamesThem() {
        Map<String, String> expected = new TreeMap<>();
        expected.put("demo.api-keys.*", null);
        expected.put("demo.kafka.bootstrap-servers", "localhost:9092");
        expected.put("demo.part.allow-list", null);
        expected.put("demo.part.enqueue-timeout", "15S");
        expected.put("demo.part.renamed", "3");
        expected.put("demo.public-base-url", null);
        assertThat(ConfigDocs.declaredKeys(DemoConfig.class)).isEqualTo(expected);
    }

    @Test
    void readsOnlyTheKeyTablesOfTheDocs(@TempDir Path dir) throws IOException {
        Path doc = Files.writeString(dir.resolve("demo.md"), TABLE);
        assertThat(ConfigDocs.documentedKeys(doc)).containsOnlyKeys("demo.kafka.bootstrap-servers",
                "demo.api-keys.*", "demo.public-base-url", "demo.part.enqueue-timeout", "demo.part.renamed",
                "demo.part.allow-list", "quarkus.http.port");
        assertThat(ConfigDocs.documentedKeys(doc)).containsEntry("demo.part.renamed", "3")
                .containsEntry("demo.public-base-url", null);
    }

    @Test
    void agreesWithMatchingDocs(@TempDir Path dir) throws IOException {
        Path doc = Files.writeString(dir.resolve("demo.md"), TABLE);
        ConfigDocs.assertAgree(List.of(DemoConfig.class), List.of(doc));
    }

    @Test
    void listsKeysMissingOnEitherSideAndWrongDefaults(@TempDir Path dir) throws IOException {
        String drifted = TABLE.replace("| `demo.part.allow-list` | empty | exceptions |\n", "")
                .replace("`15S`", "`10S`")
                .replace("| `demo.part.renamed`", "| `demo.part.gone` | `1` | removed |\n| `demo.part.renamed`");
        Path doc = Files.writeString(dir.resolve("demo.md"), drifted);
        assertThatThrownBy(() -> ConfigDocs.assertAgree(List.of(DemoConfig.class), List.of(doc)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("read by the code but in no table: demo.part.allow-list")
                .hasMessageContaining("in a table but read by no mapping: demo.part.gone")
                .hasMessageContaining("default of demo.part.enqueue-timeout is `15S` in the code, `10S` in the docs");
    }

    /**
     * Each service's test checks its own doc (ConfigDocsTest in api-gateway, worker-infer, worker-train);
     * a key table in any other doc would escape them, so a new one must be wired to its service's check.
     */
    @Test
    void everyDocWithAKeyTableIsCheckedByAService() throws IOException {
        List<String> withTables;
        try (var docs = Files.list(Path.of("../../docs"))) {
            withTables = docs.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !ConfigDocs.documentedKeys(p).isEmpty())
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(withTables).containsExactly("api.md", "inference.md", "training.md");
    }
}
