package dev.stylefleet.gateway.errors;

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
    /**
     * The HTTP or REST layer refused the request: a malformed multipart body (boundary missing or
     * mismatched, no closing boundary, truncated, garbage), an unreadable form or header.
     */
    BAD_REQUEST(400),
    /** No representation the client accepts ({@code Accept}) can be produced. */
    NOT_ACCEPTABLE(406),
    /** The request line (path and query) is longer than {@code stylefleet.limits.max-uri-length}. */
    URI_TOO_LONG(414),
    /** The request's headers are larger than {@code stylefleet.limits.max-header-bytes}. */
    HEADERS_TOO_LARGE(431),
    /** No route matches the path. */
    NOT_FOUND(404),
    /** The path exists but not with this method. */
    METHOD_NOT_ALLOWED(405),
    /** The job could not be handed to the workers; it was marked FAILED with this code. */
    ENQUEUE_FAILED(503),
    /** The object store could not be reached; nothing was accepted. */
    STORAGE_UNAVAILABLE(503),
    /**
     * The work queued for the task would make a new job wait longer than the configured bound
     * ({@code stylefleet.admission.max-wait.*}); nothing was accepted. Retry after the {@code Retry-After} seconds.
     */
    OVERLOADED(429),
    /** The gateway is still loading job state from Kafka after start-up; retry shortly. */
    NOT_READY(503),
    /** The same Idempotency-Key was used before with a different request. */
    IDEMPOTENCY_CONFLICT(409),
    /** DELETE on a job that is already SUCCEEDED, FAILED or CANCELLED. */
    JOB_ALREADY_FINISHED(409),
    /** The job succeeded but has no image result (a training job's result is a model). */
    NO_IMAGE_RESULT(409),
    /**
     * The training job has not produced a preview yet (or is not a training job); or the style has no
     * preview image (a trained style, or a built-in published without one).
     */
    NO_PREVIEW(404),
    /** The callbackUrl resolves to a loopback, private, link-local or metadata address. */
    CALLBACK_URL_FORBIDDEN(400),
    /** No such presigned upload for this tenant, or nothing was uploaded to it. */
    UNKNOWN_UPLOAD(400),
    /** No dataset of that name for this tenant. */
    UNKNOWN_DATASET(400),
    /** The dataset upload held no readable image. */
    DATASET_EMPTY(400),
    /** No such style for this tenant. */
    STYLE_NOT_FOUND(404),
    /** An imported model failed validation; the message says what is wrong. */
    MODEL_INVALID(400),
    /** The model id is already used by another model. */
    MODEL_ID_TAKEN(409),
    /** A bug: the message says no more than that, the log has the details. */
    INTERNAL(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * The code for a refusal that the HTTP or REST layer made with only a status: the code of that
     * status, or BAD_REQUEST for any other 4xx, INTERNAL for any 5xx.
     */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> IMAGE_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 431 -> HEADERS_TOO_LARGE;
            default -> status >= 500 ? INTERNAL : BAD_REQUEST;
        };
    }
}
