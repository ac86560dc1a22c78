package dev.stylefleet.schemas;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the gateway shows about one job, as one snapshot. Topic {@link Topics#JOB_RECORDS}
 * (compacted, key = job id): the last record of a job is enough to answer for it after a restart, even
 * once compaction has removed all but the last {@link JobEvent} of the job. Written by the gateway only.
 * JSON Schema: {@code schemas/JobRecord.schema.json}.
 *
 * <p>Records of one job only ever grow: state moves forward, histories and delivery lists are unions.
 *
 * @param stateAt         when the current state was reached
 * @param request         what the client asked for; null only for a job first learnt of from an event
 * @param progress        the latest progress report (training)
 * @param lossHistory     losses by step, oldest first (bounded by the gateway's configuration)
 * @param callbacks       every callback delivery attempt, oldest first
 */
@JsonClassDescription("The gateway's snapshot of one job. Topic stylefleet.job-records (compacted), key = jobId.")
public record JobRecord(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.JOB_ID) String jobId,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.TENANT) String tenant,
        @JsonProperty(required = true) JobKind kind,
        @JsonProperty(required = true) JobState state,
        @JsonProperty(required = true) Instant createdAt,
        @JsonProperty(required = true) Instant updatedAt,
        Instant stateAt,
        Request request,
        JobEvent.Progress progress,
        List<LossPoint> lossHistory,
        JobEvent.Result result,
        JobEvent.Error error,
        List<CallbackAttempt> callbacks) {

    /**
     * The submission as accepted. {@code requestHash} is a hex SHA-256 over the submitted fields and
     * bytes, compared on a repeated {@code Idempotency-Key}.
     */
    public record Request(
            @SchemaRule(maxLength = 64) String task,
            @SchemaRule(maxLength = 64) String model,
            @SchemaRule(values = {"png", "jpeg", "webp"}) String outputFormat,
            InferOptions options,
            @SchemaRule(maxLength = 2048) String callbackUrl,
            Boolean callbackProgress,
            @SchemaRule(maxLength = 256) String idempotencyKey,
            @SchemaRule(pattern = Patterns.SHA256) String requestHash,
            @SchemaRule(maxLength = 256) String styleName,
            @SchemaRule(maxLength = 256) String datasetName,
            @SchemaRule(pattern = Patterns.MODEL_ID) String modelId,
            @SchemaRule(maxLength = 1024) String inputKey) {}

    /** Losses reported at one training step. */
    public record LossPoint(
            @JsonProperty(required = true) @SchemaRule(minimum = 0) long step,
            @JsonProperty(required = true) Map<String, Double> losses) {}

    /**
     * One HTTP attempt of one callback delivery. All attempts of a delivery share {@code deliveryId}.
     *
     * @param status {@code DELIVERED} (2xx), {@code FAILED} (will be retried) or {@code GAVE_UP}
     */
    public record CallbackAttempt(
            @JsonProperty(required = true) @SchemaRule(maxLength = 128) String deliveryId,
            @JsonProperty(required = true) @SchemaRule(minimum = 1) int attempt,
            @JsonProperty(required = true) Instant at,
            @JsonProperty(required = true) @SchemaRule(values = {"DELIVERED", "FAILED", "GAVE_UP"}) String status,
            Integer httpStatus,
            String error) {}
}
