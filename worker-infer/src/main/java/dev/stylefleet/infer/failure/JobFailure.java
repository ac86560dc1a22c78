package dev.stylefleet.infer.failure;

/** Ends a job FAILED with a stable {@link ErrorCode}; the message names what was wrong. */
public final class JobFailure extends RuntimeException {
    private final ErrorCode code;

    public JobFailure(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public JobFailure(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
