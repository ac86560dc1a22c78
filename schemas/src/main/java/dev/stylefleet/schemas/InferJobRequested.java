package dev.stylefleet.schemas;

import java.time.Instant;

/**
 * Asks the inference fleet to run one image through one model. Topic {@link Topics#INFER_JOBS}.
 * JSON Schema: {@code schemas/InferJobRequested.schema.json}.
 *
 * @param task       {@code super-resolve} or {@code stylize}
 * @param model      registry model id, for example {@code bicubic-x4}
 * @param inputKey   key of the uploaded image in {@link Buckets#DATA}; null when {@code inputBytes} carries it
 * @param outputFormat {@code png}, {@code jpeg} or {@code webp}
 * @param options    per-job inference options; never null
 * @param inputBytes the image itself, for small inputs (base64 in JSON); null when {@code inputKey} names it.
 *                   Exactly one of the two is set. Small images travel inline because an object-store
 *                   round trip on submit and another on the worker cost more than the image's bytes on
 *                   the broker (docs/benchmarks.md, "Gateway"); large ones go through the object store.
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
        Instant requestedAt,
        byte[] inputBytes) {

    /** A request whose input is in the object store under {@code inputKey}. */
    public InferJobRequested(int schemaVersion, String jobId, String tenant, String task, String model,
            String inputKey, String outputFormat, InferOptions options, Instant requestedAt) {
        this(schemaVersion, jobId, tenant, task, model, inputKey, outputFormat, options, requestedAt, null);
    }

    public static final String TASK_SUPER_RESOLVE = "super-resolve";
    public static final String TASK_STYLIZE = "stylize";
}
