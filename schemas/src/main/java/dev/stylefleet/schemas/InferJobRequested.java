package dev.stylefleet.schemas;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
@JsonClassDescription("Run one image through one model. Topic stylefleet.jobs.infer, key = jobId.")
@SchemaRule(json = "{\"oneOf\": [{\"required\": [\"inputKey\"]}, {\"required\": [\"inputBytes\"]}]}")
public record InferJobRequested(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.JOB_ID) String jobId,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.TENANT) String tenant,
        @JsonProperty(required = true)
        @SchemaRule(values = {InferJobRequested.TASK_SUPER_RESOLVE, InferJobRequested.TASK_STYLIZE}) String task,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.MODEL_ID) String model,
        @JsonPropertyDescription("key of the input image in the data bucket")
        @SchemaRule(minLength = 1, maxLength = 1024) String inputKey,
        @JsonProperty(required = true) @SchemaRule(values = {"png", "jpeg", "webp"}) String outputFormat,
        @JsonProperty(required = true) InferOptions options,
        @JsonProperty(required = true) Instant requestedAt,
        // 1 MiB as base64: 4 characters per 3 bytes, rounded up to whole groups of 4.
        @JsonPropertyDescription("the input image itself (at most 1 MiB), for small inputs")
        @SchemaRule(minLength = 4, maxLength = 1398104) byte[] inputBytes) {

    /** A request whose input is in the object store under {@code inputKey}. */
    public InferJobRequested(int schemaVersion, String jobId, String tenant, String task, String model,
            String inputKey, String outputFormat, InferOptions options, Instant requestedAt) {
        this(schemaVersion, jobId, tenant, task, model, inputKey, outputFormat, options, requestedAt, null);
    }

    public static final String TASK_SUPER_RESOLVE = "super-resolve";
    public static final String TASK_STYLIZE = "stylize";
}
