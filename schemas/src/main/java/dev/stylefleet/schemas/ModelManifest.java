package dev.stylefleet.schemas;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * {@code model.json} next to every {@code model.onnx} in the registry
 * ({@link ObjectKeys#modelManifest}). JSON Schema: {@code schemas/ModelManifest.schema.json}.
 *
 * @param task         {@code stylize} or {@code super-resolve}
 * @param scale        output size / input size (1 for style models)
 * @param architecture architecture string, or a description for non-network models
 * @param sha256       hex SHA-256 of {@code model.onnx}; workers verify it on download
 * @param sourceJob    training job id, or null for built-in and imported models
 * @param tenant       owner; null for built-in models every tenant can use
 * @param int8         the model's int8 variant and the quality gate it passed; null when it has none
 */
@JsonClassDescription("model.json next to each model.onnx in the registry (models/{modelId}/{version}/).")
public record ModelManifest(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.MODEL_ID) String modelId,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.MODEL_VERSION) String version,
        @JsonProperty(required = true) @SchemaRule(values = {"super-resolve", "stylize"}) String task,
        @JsonProperty(required = true) @SchemaRule(minimum = 1, maximum = 16) int scale,
        @JsonProperty(required = true) @SchemaRule(minLength = 1) String architecture,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.SHA256) String sha256,
        @JsonProperty(required = true) @SchemaRule(minimum = 1) long sizeBytes,
        @JsonProperty(required = true) Instant created,
        String sourceJob,
        String tenant,
        Map<String, String> options,
        Int8Variant int8) {

    /** A manifest without an int8 variant. */
    public ModelManifest(int schemaVersion, String modelId, String version, String task, int scale,
            String architecture, String sha256, long sizeBytes, Instant created, String sourceJob, String tenant,
            Map<String, String> options) {
        this(schemaVersion, modelId, version, task, scale, architecture, sha256, sizeBytes, created, sourceJob,
                tenant, options, null);
    }

    /** This manifest with {@code variant} as its int8 variant. */
    public ModelManifest withInt8(Int8Variant variant) {
        return new ModelManifest(schemaVersion, modelId, version, task, scale, architecture, sha256, sizeBytes,
                created, sourceJob, tenant, options, variant);
    }
}
