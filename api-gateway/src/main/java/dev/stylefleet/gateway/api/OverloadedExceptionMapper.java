package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.admission.OverloadedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 429 OVERLOADED in the API's error shape (as {@link ApiExceptionMapper} renders every ApiException),
 * plus the {@code Retry-After} header in whole seconds. The more specific exception type wins over
 * ApiExceptionMapper's mapping of ApiException.
 */
public class OverloadedExceptionMapper {

    @ServerExceptionMapper
    public Response overloaded(OverloadedException e) {
        return Response.fromResponse(ApiExceptionMapper.respond(e.code(), e.getMessage(), e.field()))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds())).build();
    }
}
