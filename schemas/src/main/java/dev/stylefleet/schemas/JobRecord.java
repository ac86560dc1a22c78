package dev.stylefleet.schemas;

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
public record JobRecord(
        int schemaVersion,
        String jobId,
        String tenant,
        JobKind kind,
        JobState state,
        Instant createdAt,
        Instant updatedAt,
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
            String task,
            String model,
            String outputFormat,
            InferOptions options,
            String callbackUrl,
            Boolean callbackProgress,
            String idempotencyKey,
            String requestHash,
            String styleName,
            String datasetName,
            String modelId,
            String inputKey) {}

    /** Losses reported at one training step. */
    public record LossPoint(long step, Map<String, Double> losses) {}

    /**
     * One HTTP attempt of one callback delivery. All attempts of a delivery share {@code deliveryId}.
     *
     * @param status {@code DELIVERED} (2xx), {@code FAILED} (will be retried) or {@code GAVE_UP}
     */
    public record CallbackAttempt(String deliveryId, int attempt, Instant at, String status, Integer httpStatus,
            String error) {}
}
