package dev.stylefleet.gateway.errors;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Every error answer: {@code {"error":{"code":"...","message":"...","field":"..."}}}. */
public record ErrorBody(Detail error) {

    /** {@code field} is left out when the error concerns no single field. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, String field) {}

    public static ErrorBody of(ErrorCode code, String message, String field) {
        return new ErrorBody(new Detail(code.name(), message, field));
    }
}
