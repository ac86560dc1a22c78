package dev.stylefleet.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The committed JSON Schemas are what the records generate ({@link SchemaGenerator}): one source for
 * both, and a build that fails when someone edits one side only.
 */
class SchemasInSyncTest {
    private static final Path DIR = Path.of("src/main/resources/schemas");
    private static final String REGENERATE = "./mvnw -q -pl schemas test-compile exec:java";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyCommittedSchemaIsTheGeneratedOne() {
        SchemaGenerator generator = new SchemaGenerator();
        return SchemaGenerator.MESSAGES.entrySet().stream().map(m -> DynamicTest.dynamicTest(m.getKey(), () -> {
            Path file = DIR.resolve(m.getKey() + ".schema.json");
            assertThat(file).as("%s is missing; generate it with: %s", file, REGENERATE).exists();
            JsonNode committed = JSON.readTree(file.toFile());
            // Compared as parsed JSON (read back from the generator's own text, so that numbers have the
            // same node types): formatting aside, the file must say exactly what the record says.
            JsonNode generated = JSON.readTree(generator.render(generator.generate(m.getKey(), m.getValue())));
            if (!committed.equals(generated)) {
                fail(file + " is not what " + m.getValue().getName() + " generates. The records are the source:"
                        + " change the record (or its @SchemaRule), not the schema file, then run: " + REGENERATE);
            }
        }));
    }

    @Test
    void everySchemaFileBelongsToAMessageWithACodec() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(files.map(p -> p.getFileName().toString().replace(".schema.json", "")))
                    .containsExactlyInAnyOrderElementsOf(SchemaGenerator.MESSAGES.keySet());
        }
        Map<String, Class<?>> codecs = Map.of(
                Messages.CANCEL_REQUESTED.name(), CancelRequested.class,
                Messages.DEAD_LETTER.name(), DeadLetter.class,
                Messages.INFER_JOB_REQUESTED.name(), InferJobRequested.class,
                Messages.JOB_EVENT.name(), JobEvent.class,
                Messages.JOB_RECORD.name(), JobRecord.class,
                Messages.MODEL_MANIFEST.name(), ModelManifest.class,
                Messages.TRAIN_JOB_REQUESTED.name(), TrainJobRequested.class);
        assertThat(codecs).isEqualTo(SchemaGenerator.MESSAGES);
    }
}
