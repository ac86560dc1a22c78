package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.admission.OverloadedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 429 OVERLOADED in the API's error shape (built by {@link ErrorResponses}, like every other error),
 * plus the {@code Retry-After} header in whole seconds that the admission decision computed. The more
 * specific exception type wins over ApiExceptionMapper's mapping of ApiException.
 */
public class OverloadedExceptionMapper {
    @Inject
    ErrorResponses errors;

    @ServerExceptionMapper
    public Response overloaded(OverloadedException e, HttpHeaders request) {
        return errors.builder(e.code().status(), e.code(), e.getMessage(), e.field(), request)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds())).build();
    }
}
