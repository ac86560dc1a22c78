package dev.stylefleet.gateway.admission;

import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.errors.ErrorCode;
import java.time.Duration;

/** 429 OVERLOADED, with the Retry-After the REST layer sends along. */
public class OverloadedException extends ApiException {
    private final Duration retryAfter;

    public OverloadedException(String message, Duration retryAfter) {
        super(ErrorCode.OVERLOADED, null, message);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least 1. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
