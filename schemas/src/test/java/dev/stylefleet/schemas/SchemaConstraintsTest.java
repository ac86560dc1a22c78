package dev.stylefleet.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a consumer refuses: unknown and missing fields, and the constraints the records declare with
 * {@link SchemaRule} (carried over from the hand-written schemas they replaced). Each case takes a valid
 * message, changes one thing in its JSON and expects the codec to refuse it.
 */
class SchemaConstraintsTest {

    private static <T> ObjectNode tree(MessageCodec<T> codec, T message) {
        try {
            return (ObjectNode) Messages.JSON.readTree(codec.encode(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> void refused(MessageCodec<T> codec, T valid, Consumer<ObjectNode> change, String why) {
        ObjectNode json = tree(codec, valid);
        change.accept(json);
        assertThatThrownBy(() -> codec.decode(Messages.JSON.writeValueAsBytes(json)))
                .as("%s after the change: %s", codec.name(), json)
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining(why);
    }

    private static <T> void accepted(MessageCodec<T> codec, T valid, Consumer<ObjectNode> change) {
        ObjectNode json = tree(codec, valid);
        change.accept(json);
        assertThatCode(() -> codec.decode(Messages.JSON.writeValueAsBytes(json))).doesNotThrowAnyException();
    }

    static Stream<Arguments> everyMessage() {
        return MessageRoundTripTest.messages();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMessage")
    <T> void refusesAnUnknownField(MessageCodec<T> codec, T message) {
        refused(codec, message, j -> j.put("surprise", 1), "surprise");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMessage")
    <T> void refusesAnotherSchemaVersion(MessageCodec<T> codec, T message) {
        refused(codec, message, j -> j.put("schemaVersion", Messages.SCHEMA_VERSION + 1), "schemaVersion");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMessage")
    <T> void refusesAMessageWithoutAnyOfItsRequiredFields(MessageCodec<T> codec, T message) {
        List<String> required = new ArrayList<>();
        schemaOf(codec).path("required").forEach(n -> required.add(n.asText()));
        assertThat(required).contains("schemaVersion");
        for (String field : required) {
            refused(codec, message, j -> j.remove(field), field);
        }
    }

    @Test
    void requiredFieldsAreTheOnesTheOldSchemasRequired() {
        assertThat(required(Messages.INFER_JOB_REQUESTED)).containsExactlyInAnyOrder("schemaVersion", "jobId", "tenant", "task",
                "model", "outputFormat", "options", "requestedAt");
        assertThat(required(Messages.TRAIN_JOB_REQUESTED)).containsExactlyInAnyOrder("schemaVersion", "jobId", "tenant", "task",
                "datasetPrefix", "modelId", "params", "requestedAt");
        assertThat(required(Messages.JOB_EVENT)).containsExactlyInAnyOrder("schemaVersion", "jobId", "tenant", "kind", "state",
                "at");
        assertThat(required(Messages.JOB_RECORD)).containsExactlyInAnyOrder("schemaVersion", "jobId", "tenant", "kind", "state",
                "createdAt", "updatedAt");
        assertThat(required(Messages.CANCEL_REQUESTED)).containsExactlyInAnyOrder("schemaVersion", "jobId", "tenant",
                "requestedAt");
        assertThat(required(Messages.DEAD_LETTER)).containsExactlyInAnyOrder("schemaVersion", "sourceTopic", "partition",
                "offset", "reason", "consumer", "at");
        assertThat(required(Messages.MODEL_MANIFEST)).containsExactlyInAnyOrder("schemaVersion", "modelId", "version", "task",
                "scale", "architecture", "sha256", "sizeBytes", "created");
    }

    @Test
    void refusesUnknownFieldsInNestedObjects() {
        refused(Messages.INFER_JOB_REQUESTED, SampleMessages.infer(), j -> obj(j, "options").put("x", 1), "x");
        refused(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train(), j -> obj(j, "params").put("x", 1), "x");
        refused(Messages.JOB_EVENT, SampleMessages.event(), j -> obj(j, "progress").put("x", 1), "x");
        refused(Messages.JOB_EVENT, SampleMessages.event(), j -> obj(j, "result").put("x", 1), "x");
        refused(Messages.JOB_EVENT, SampleMessages.event(), j -> obj(obj(j, "result"), "timings").put("x", 1), "x");
        refused(Messages.JOB_EVENT, SampleMessages.event(), j -> obj(j, "request").put("x", 1), "x");
        refused(Messages.JOB_RECORD, SampleMessages.record(), j -> obj(j, "error").put("x", 1), "x");
        refused(Messages.JOB_RECORD, SampleMessages.record(),
                j -> ((ObjectNode) j.withArray("callbacks").get(0)).put("x", 1), "x");
        refused(Messages.JOB_RECORD, SampleMessages.record(),
                j -> ((ObjectNode) j.withArray("lossHistory").get(0)).put("x", 1), "x");
    }

    @Test
    void refusesMissingRequiredFieldsInNestedObjects() {
        refused(Messages.JOB_EVENT, SampleMessages.event(), j -> obj(j, "progress").remove("totalSteps"), "totalSteps");
        refused(Messages.JOB_EVENT, SampleMessages.event(), j -> obj(obj(j, "result"), "timings").remove("storeMs"),
                "storeMs");
        refused(Messages.JOB_RECORD, SampleMessages.record(), j -> obj(j, "error").remove("message"), "message");
        refused(Messages.JOB_RECORD, SampleMessages.record(),
                j -> ((ObjectNode) j.withArray("callbacks").get(0)).remove("deliveryId"), "deliveryId");
        refused(Messages.JOB_RECORD, SampleMessages.record(),
                j -> ((ObjectNode) j.withArray("lossHistory").get(0)).remove("losses"), "losses");
    }

    @Test
    void identifiersHaveTheirSyntax() {
        refused(Messages.CANCEL_REQUESTED, SampleMessages.cancel(), j -> j.put("jobId", "job 1"), "jobId");
        refused(Messages.CANCEL_REQUESTED, SampleMessages.cancel(), j -> j.put("jobId", "j".repeat(65)), "jobId");
        refused(Messages.CANCEL_REQUESTED, SampleMessages.cancel(), j -> j.put("tenant", "a/b"), "tenant");
        refused(Messages.INFER_JOB_REQUESTED, SampleMessages.infer(), j -> j.put("model", "Candy"), "model");
        refused(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train(), j -> j.put("modelId", "-x"), "modelId");
        refused(Messages.MODEL_MANIFEST, SampleMessages.manifest(), j -> j.put("sha256", "AB".repeat(32)), "sha256");
        refused(Messages.MODEL_MANIFEST, SampleMessages.manifest(), j -> j.put("version", "1 2"), "version");
        refused(Messages.JOB_RECORD, SampleMessages.record(), j -> obj(j, "error").put("code", "oops"), "code");
        refused(Messages.JOB_RECORD, SampleMessages.record(), j -> obj(j, "request").put("requestHash", "abc"),
                "requestHash");
        refused(Messages.JOB_EVENT, SampleMessages.event(), j -> j.put("at", "yesterday"), "at");
    }

    @Test
    void enumeratedFieldsTakeOnlyTheirValues() {
        refused(Messages.INFER_JOB_REQUESTED, SampleMessages.infer(), j -> j.put("task", "paint"), "task");
        refused(Messages.INFER_JOB_REQUESTED, SampleMessages.infer(), j -> j.put("outputFormat", "gif"), "outputFormat");
        refused(Messages.JOB_EVENT, SampleMessages.event(), j -> j.put("kind", "OTHER"), "kind");
        refused(Messages.JOB_EVENT, SampleMessages.event(), j -> j.put("state", "DONE"), "state");
        refused(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train(), j -> j.put("task", "stylize"), "task");
        refused(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train(), j -> obj(j, "params").put("norm", "layer"), "norm");
        refused(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train(), j -> obj(j, "params").put("scale", 5), "scale");
        accepted(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train(), j -> obj(j, "params").put("scale", 8));
        refused(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train(),
                j -> obj(obj(j, "params"), "styleLayerWeights").put("relu5_3", 1.0), "relu5_3");
        refused(Messages.JOB_RECORD, SampleMessages.record(),
                j -> ((ObjectNode) j.withArray("callbacks").get(0)).put("status", "LOST"), "status");
        refused(Messages.MODEL_MANIFEST, SampleMessages.manifest(), j -> j.put("task", "style"), "task");
    }

    @Test
    void numbersAndLengthsHaveTheirBounds() {
        refused(Messages.INFER_JOB_REQUESTED, SampleMessages.infer(), j -> obj(j, "options").put("quality", 101), "quality");
        refused(Messages.INFER_JOB_REQUESTED, SampleMessages.infer(), j -> obj(j, "options").put("strength", 1.5), "strength");
        refused(Messages.INFER_JOB_REQUESTED, SampleMessages.infer(), j -> obj(j, "options").put("maxSide", 0), "maxSide");
        refused(Messages.INFER_JOB_REQUESTED, SampleMessages.infer(), j -> j.put("inputKey", ""), "inputKey");
        refused(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train(), j -> obj(j, "params").put("width", 0), "width");
        accepted(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train(), j -> obj(j, "params").put("width", 0.125));
        refused(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train(), j -> obj(j, "params").put("iterations", 0),
                "iterations");
        refused(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train(), j -> obj(j, "params").put("imageSize", 8),
                "imageSize");
        refused(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train(),
                j -> obj(obj(j, "params"), "styleLayerWeights").put("relu1_2", -1.0), "relu1_2");
        refused(Messages.JOB_EVENT, SampleMessages.event(), j -> obj(j, "progress").put("step", -1), "step");
        refused(Messages.JOB_EVENT, SampleMessages.event(), j -> obj(j, "result").put("width", 0), "width");
        refused(Messages.JOB_EVENT, SampleMessages.event(), j -> j.put("worker", "w".repeat(257)), "worker");
        refused(Messages.DEAD_LETTER, SampleMessages.deadLetter(), j -> j.put("partition", -1), "partition");
        refused(Messages.DEAD_LETTER, SampleMessages.deadLetter(), j -> j.put("reason", ""), "reason");
        refused(Messages.MODEL_MANIFEST, SampleMessages.manifest(), j -> j.put("scale", 17), "scale");
        refused(Messages.MODEL_MANIFEST, SampleMessages.manifest(), j -> j.put("sizeBytes", 0), "sizeBytes");
        refused(Messages.JOB_RECORD, SampleMessages.record(),
                j -> ((ObjectNode) j.withArray("callbacks").get(0)).put("attempt", 0), "attempt");
        refused(Messages.JOB_RECORD, SampleMessages.record(),
                j -> obj(j, "request").put("callbackUrl", "https://x/" + "a".repeat(2048)), "callbackUrl");
    }

    @Test
    void rulesAcrossFields() {
        // A style job needs its style image; a super-resolution job does not.
        refused(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train(), j -> j.remove("styleImageKey"), "styleImageKey");
        accepted(Messages.TRAIN_JOB_REQUESTED, SampleMessages.train(),
                j -> j.put("task", "super-resolve").remove("styleImageKey"));
        // SUCCEEDED carries a result, FAILED an error.
        refused(Messages.JOB_EVENT, SampleMessages.event(), j -> j.remove("result"), "result");
        refused(Messages.JOB_EVENT, SampleMessages.event(), j -> j.put("state", "FAILED"), "error");
        // An inference input is either a key or inline bytes, never both or neither.
        refused(Messages.INFER_JOB_REQUESTED, SampleMessages.infer(), j -> j.remove("inputKey"), "only one schema");
        refused(Messages.INFER_JOB_REQUESTED, SampleMessages.infer(), j -> j.put("inputBytes", "AAAA"), "only one schema");
    }

    private static ObjectNode obj(ObjectNode parent, String field) {
        return (ObjectNode) parent.get(field);
    }

    private static List<String> required(MessageCodec<?> codec) {
        List<String> names = new ArrayList<>();
        for (JsonNode n : (ArrayNode) schemaOf(codec).get("required")) {
            names.add(n.asText());
        }
        return names;
    }

    private static JsonNode schemaOf(MessageCodec<?> codec) {
        try (var in = SchemaConstraintsTest.class.getResourceAsStream("/schemas/" + codec.name() + ".schema.json")) {
            return Messages.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
