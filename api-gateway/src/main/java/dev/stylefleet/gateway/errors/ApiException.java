package dev.stylefleet.gateway.errors;

/**
 * A request the API refuses, with a stable {@link ErrorCode}, a message that names the field and what
 * is allowed, and the field (null when the error concerns no single field). Rendered by
 * the REST layer ({@code api.ApiExceptionMapper}) as {@link ErrorBody}.
 */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final String field;

    public ApiException(ErrorCode code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public ApiException(ErrorCode code, String field, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }
}
