package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.errors.ErrorBody;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into the one error shape, so that a client parses errors the same way whether
 * the refusal came from our validation or from the REST layer (unknown path, wrong media type).
 */
public class ApiExceptionMapper {
    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        if (e.code().status() >= 500) {
            LOG.warnf(e.getCause(), "%s: %s", e.code(), e.getMessage());
        }
        return respond(e.code(), e.getMessage(), e.field());
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return respond(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "request body: send multipart/form-data with the fields image, task, model and optionally format",
                null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(ErrorCode.NOT_FOUND, "no such resource; the API lives under /v1", null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return Response.fromResponse(respond(ErrorCode.METHOD_NOT_ALLOWED,
                "method not allowed here; allowed: " + e.getResponse().getAllowedMethods(), null))
                .allow(e.getResponse().getAllowedMethods()).build();
    }

    @ServerExceptionMapper
    public Response other(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return respond(ErrorCode.INTERNAL, "internal error; see the gateway log", null);
        }
        // Remaining 4xx from the REST layer (malformed multipart, bad header): keep the status.
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(ErrorBody.of(ErrorCode.BAD_REQUEST, e.getMessage(), null)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return respond(ErrorCode.INTERNAL, "internal error; see the gateway log", null);
    }

    static Response respond(ErrorCode code, String message, String field) {
        return Response.status(code.status()).type(MediaType.APPLICATION_JSON)
                .entity(ErrorBody.of(code, message, field)).build();
    }
}
