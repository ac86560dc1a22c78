package dev.stylefleet.gateway.errors;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every error answer: {@code {"error":{"code":"...","message":"...","field":"...","requestId":"..."}}}.
 * The request id is the one the answer also carries in {@code X-Request-Id}, so that a client can quote
 * it and an operator find the request's log lines.
 */
public record ErrorBody(Detail error) {

    /** {@code field} is left out when the error concerns no single field. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, String field, String requestId) {}

    public static ErrorBody of(ErrorCode code, String message, String field, String requestId) {
        return new ErrorBody(new Detail(code.name(), message, field, requestId));
    }
}
