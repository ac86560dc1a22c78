package dev.stylefleet.infer.failure;

/**
 * The stable codes a FAILED inference job carries ({@code JobEvent.error.code}). Clients branch on
 * these, so they never change meaning; the message next to them is for people.
 */
public enum ErrorCode {
    /** The input is not a decodable still image (PNG, JPEG, WebP, GIF, BMP), is damaged, or is animated. */
    INVALID_IMAGE,
    /** The input (or the output it would produce) has more pixels than the worker is configured for. */
    IMAGE_TOO_LARGE,
    /** No model with that id in the registry, not one for the job's task, or not the tenant's. */
    UNKNOWN_MODEL,
    /** The model exists but fails to load, to run, or breaks the model interface. */
    MODEL_INVALID,
    /** An option does not apply to the job's task (histogramMatch on a stylize job). */
    INVALID_OPTIONS,
    /** The requested output format is not one this worker writes. */
    UNSUPPORTED_OUTPUT_FORMAT,
    /** Anything else (storage down, input object missing, a bug); the message says what. */
    INTERNAL
}
