package dev.stylefleet.schemas;

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
 */
public record ModelManifest(
        int schemaVersion,
        String modelId,
        String version,
        String task,
        int scale,
        String architecture,
        String sha256,
        long sizeBytes,
        Instant created,
        String sourceJob,
        String tenant,
        Map<String, String> options) {}
