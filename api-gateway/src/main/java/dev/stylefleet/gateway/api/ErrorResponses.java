package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.errors.ErrorBody;
import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Builds every error answer of the REST layer: the status of the code, the {@link ErrorBody} with the
 * request's id, and, on a 503, {@code Retry-After} ({@code stylefleet.api.retry-after}), so that a client
 * backs off for a set time instead of retrying at once into an outage.
 */
@ApplicationScoped
public class ErrorResponses {
    @Inject
    GatewayConfig config;

    public Response of(ErrorCode code, String message, String field, HttpHeaders request) {
        return builder(code.status(), code, message, field, request).build();
    }

    /** The same with a status other than the code's own (a refusal of the REST layer kept as it was). */
    public Response.ResponseBuilder builder(int status, ErrorCode code, String message, String field,
            HttpHeaders request) {
        String requestId = request == null ? RequestIds.fresh() : RequestIds.accept(request.getHeaderString(RequestIds.HEADER));
        Response.ResponseBuilder r = Response.status(status).type(MediaType.APPLICATION_JSON)
                .header(RequestIds.HEADER, requestId)
                .entity(ErrorBody.of(code, message, field, requestId));
        if (status == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            r.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(config));
        }
        return r;
    }

    /** {@code stylefleet.api.retry-after} in whole seconds (the header's unit), rounded up, at least 1. */
    public static long retryAfterSeconds(GatewayConfig config) {
        long millis = config.api().retryAfter().toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
