package dev.stylefleet.schemas;

import java.time.Instant;

/**
 * Asks the inference fleet to run one image through one model. Topic {@link Topics#INFER_JOBS}.
 * JSON Schema: {@code schemas/InferJobRequested.schema.json}.
 *
 * @param task       {@code super-resolve} or {@code stylize}
 * @param model      registry model id, for example {@code bicubic-x4}
 * @param inputKey   key of the uploaded image in {@link Buckets#DATA}
 * @param outputFormat {@code png}, {@code jpeg} or {@code webp}
 * @param options    per-job inference options; never null
 */
public record InferJobRequested(
        int schemaVersion,
        String jobId,
        String tenant,
        String task,
        String model,
        String inputKey,
        String outputFormat,
        InferOptions options,
        Instant requestedAt) {

    public static final String TASK_SUPER_RESOLVE = "super-resolve";
    public static final String TASK_STYLIZE = "stylize";
}
