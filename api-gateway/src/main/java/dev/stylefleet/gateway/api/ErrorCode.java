package dev.stylefleet.gateway.api;

/**
 * The stable, machine-readable error codes of the API and the HTTP status each is answered with.
 * Clients branch on the code, never on the message; a code, once published, keeps its meaning.
 */
public enum ErrorCode {
    /** No {@code Authorization: Bearer <key>} header, or a key the gateway does not know. */
    UNAUTHENTICATED(401),
    /** A required multipart field is absent. */
    MISSING_FIELD(400),
    /** A field has a value outside what is allowed (task, format, model id syntax). */
    INVALID_FIELD(400),
    /** The upload is empty, truncated or corrupt. */
    INVALID_IMAGE(400),
    /** The upload is not PNG, JPEG or WebP by its magic bytes. */
    UNSUPPORTED_IMAGE_TYPE(415),
    /** The upload exceeds the byte limit, or its header declares more pixels or a longer side than allowed. */
    IMAGE_TOO_LARGE(413),
    /** No model with that id in the registry (or one that belongs to another tenant). */
    UNKNOWN_MODEL(400),
    /** The model exists but does a different task than the one asked for. */
    MODEL_TASK_MISMATCH(400),
    /** The request is not multipart/form-data (or another unsupported media type). */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** No such job for this tenant (other tenants' jobs are indistinguishable from absent ones). */
    JOB_NOT_FOUND(404),
    /** The job has no result yet, or ended without one. */
    JOB_NOT_FINISHED(409),
    /** The job succeeded but its result object is no longer in storage. */
    RESULT_GONE(410),
    /** The REST layer refused the request (malformed multipart, bad header); the status may be any 4xx. */
    BAD_REQUEST(400),
    /** No route matches the path. */
    NOT_FOUND(404),
    /** The path exists but not with this method. */
    METHOD_NOT_ALLOWED(405),
    /** The job could not be handed to the workers; it was marked FAILED with this code. */
    ENQUEUE_FAILED(503),
    /** The object store could not be reached; nothing was accepted. */
    STORAGE_UNAVAILABLE(503),
    /** The gateway is still loading job state from Kafka after start-up; retry shortly. */
    NOT_READY(503),
    /** A bug: the message says no more than that, the log has the details. */
    INTERNAL(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
