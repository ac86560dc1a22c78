package dev.stylefleet.schemas;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.Map;

/**
 * Something happened to a job. Topic {@link Topics#JOB_EVENTS}, key = job id.
 * JSON Schema: {@code schemas/JobEvent.schema.json}.
 *
 * <p>{@code progress} is set on RUNNING events that report training progress; {@code result} on
 * SUCCEEDED; {@code error} on FAILED; {@code request} on the gateway's QUEUED (and on its FAILED when
 * the enqueue itself failed): what only the
 * submission knows (task, model, callback, idempotency key), so that every reader of the events learns
 * the whole job from one message and the gateway needs no separate acknowledged write before QUEUED.
 */
@JsonClassDescription("A state change or progress report of one job. Topic stylefleet.job-events, key = jobId.")
@SchemaRule(json = """
        {"allOf": [
          {"if": {"properties": {"state": {"const": "SUCCEEDED"}}}, "then": {"required": ["result"]}},
          {"if": {"properties": {"state": {"const": "FAILED"}}}, "then": {"required": ["error"]}}
        ]}""")
public record JobEvent(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.JOB_ID) String jobId,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.TENANT) String tenant,
        @JsonProperty(required = true) JobKind kind,
        @JsonProperty(required = true) JobState state,
        @JsonProperty(required = true) Instant at,
        @SchemaRule(maxLength = 256) String worker,
        Progress progress,
        Result result,
        Error error,
        @JsonPropertyDescription("on the gateway's own QUEUED (and FAILED when the enqueue failed) only: the "
                + "submission as accepted, the same shape as a JobRecord's request")
        JobRecord.Request request) {

    /** An event that carries no request: every event but the gateway's QUEUED. */
    public JobEvent(int schemaVersion, String jobId, String tenant, JobKind kind, JobState state, Instant at,
            String worker, Progress progress, Result result, Error error) {
        this(schemaVersion, jobId, tenant, kind, state, at, worker, progress, result, error, null);
    }

    /** Training progress. {@code losses} maps a loss term (content, style, tv, pixel, total) to its value. */
    public record Progress(
            @JsonProperty(required = true) @SchemaRule(minimum = 0) long step,
            @JsonProperty(required = true) @SchemaRule(minimum = 0) long totalSteps,
            Map<String, Double> losses,
            @SchemaRule(minimum = 0) Double stepsPerSecond,
            @SchemaRule(minimum = 0) Double etaSeconds,
            String previewKey) {}

    /**
     * Where the output is. {@code key} is in {@link Buckets#DATA}; {@code modelId} is set by training jobs;
     * {@code timings} by inference workers.
     */
    public record Result(
            @SchemaRule(minLength = 1) String key,
            String contentType,
            @SchemaRule(minimum = 1) Integer width,
            @SchemaRule(minimum = 1) Integer height,
            String modelId,
            @JsonPropertyDescription("the worker's own time on the job, in milliseconds, measured by the worker")
            Timings timings,
            @JsonPropertyDescription("inference jobs: which variant of the model ran, and why")
            Precision precision) {
        public Result(String key, String contentType, Integer width, Integer height, String modelId) {
            this(key, contentType, width, height, modelId, null, null);
        }

        public Result(String key, String contentType, Integer width, Integer height, String modelId,
                Timings timings) {
            this(key, contentType, width, height, modelId, timings, null);
        }

        public Result withTimings(Timings t) {
            return new Result(key, contentType, width, height, modelId, t, precision);
        }

        public Result withPrecision(Precision p) {
            return new Result(key, contentType, width, height, modelId, timings, p);
        }
    }

    /**
     * The model variant an inference job ran ({@link InferOptions#precision()}) and why the worker chose it.
     *
     * @param used   {@code fp32} or {@code int8}
     * @param reason for example "auto: the model has an int8 variant and the CPU has avx512_vnni"
     */
    public record Precision(
            @JsonProperty(required = true) @SchemaRule(values = {InferOptions.PRECISION_FP32,
                    InferOptions.PRECISION_INT8}) String used,
            @JsonProperty(required = true) @SchemaRule(minLength = 1, maxLength = 512) String reason) {}

    /**
     * The worker's own time on a job, measured by the worker (milliseconds): what the fleet overhead
     * benchmark subtracts from the end-to-end time, and what a user sees of where the time went.
     *
     * @param fetchMs   model lookup and input download (zero-ish for inputs that travel inline)
     * @param computeMs decode, inference, options and encode
     * @param storeMs   result upload
     * @param decodeMs  of computeMs: header probe, decode, maxSide shrink (optional)
     * @param inferMs   of computeMs: the model runs with tiling and the options (optional)
     * @param encodeMs  of computeMs: the result's encoding (optional)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Timings(
            @JsonProperty(required = true) @JsonPropertyDescription("model lookup and input download")
            @SchemaRule(minimum = 0) double fetchMs,
            @JsonProperty(required = true) @JsonPropertyDescription("decode, inference, options, encode")
            @SchemaRule(minimum = 0) double computeMs,
            @JsonProperty(required = true) @JsonPropertyDescription("result upload")
            @SchemaRule(minimum = 0) double storeMs,
            @JsonPropertyDescription("of computeMs: header probe, decode and maxSide shrink")
            @SchemaRule(minimum = 0) Double decodeMs,
            @JsonPropertyDescription("of computeMs: the model runs (tiles blended) and the options")
            @SchemaRule(minimum = 0) Double inferMs,
            @JsonPropertyDescription("of computeMs: the result's encoding")
            @SchemaRule(minimum = 0) Double encodeMs) {
        public Timings(double fetchMs, double computeMs, double storeMs) {
            this(fetchMs, computeMs, storeMs, null, null, null);
        }

        public double totalMs() {
            return fetchMs + computeMs + storeMs;
        }
    }

    /** A stable machine-readable code (for example {@code INVALID_IMAGE}) and a human message. */
    public record Error(
            @JsonProperty(required = true) @SchemaRule(pattern = Patterns.ERROR_CODE) String code,
            @JsonProperty(required = true) String message) {}

    public static JobEvent of(String jobId, String tenant, JobKind kind, JobState state, String worker) {
        return new JobEvent(Messages.SCHEMA_VERSION, jobId, tenant, kind, state, Instant.now(), worker,
                null, null, null);
    }

    public JobEvent withProgress(Progress p) {
        return new JobEvent(schemaVersion, jobId, tenant, kind, state, at, worker, p, result, error, request);
    }

    public JobEvent withResult(Result r) {
        return new JobEvent(schemaVersion, jobId, tenant, kind, state, at, worker, progress, r, error, request);
    }

    public JobEvent withError(String code, String message) {
        return new JobEvent(schemaVersion, jobId, tenant, kind, state, at, worker, progress, result,
                new Error(code, message), request);
    }

    public JobEvent withRequest(JobRecord.Request r) {
        return new JobEvent(schemaVersion, jobId, tenant, kind, state, at, worker, progress, result, error, r);
    }
}
