package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.errors.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashSet;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into the one error shape, so that a client parses errors the same way whether
 * the refusal came from our validation or from the REST layer (unknown path, wrong method or media
 * type, a malformed body). Failures raised before the REST layer (the HTTP layer's body and multipart
 * handling, request size limits) are answered in the same shape by {@link HttpEdge}.
 */
public class ApiExceptionMapper {
    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

    @Inject
    ErrorResponses errors;

    @Inject
    AllowedMethods allowed;

    @ServerExceptionMapper
    public Response api(ApiException e, HttpHeaders request) {
        if (e.code().status() >= 500) {
            LOG.warnf(e.getCause(), "%s: %s", e.code(), e.getMessage());
        }
        return errors.of(e.code(), e.getMessage(), e.field(), request);
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, HttpHeaders request) {
        return errors.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "request body: this endpoint takes another media type (POST /v1/jobs: multipart/form-data with "
                        + "the fields image, task, model and optionally format; see docs/api.md)",
                null, request);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpHeaders request) {
        return errors.of(ErrorCode.NOT_ACCEPTABLE,
                "Accept: this endpoint cannot answer in any of the media types accepted; see docs/api.md", null, request);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpHeaders request) {
        return errors.of(ErrorCode.NOT_FOUND, "no such resource; the API lives under /v1", null, request);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpHeaders request, UriInfo uri) {
        // The REST layer's 405 carries no Allow header; the methods come from the routes themselves.
        LinkedHashSet<String> methods = new LinkedHashSet<>(allowed.at(uri.getPath()));
        methods.addAll(e.getResponse().getAllowedMethods());
        return errors.builder(ErrorCode.METHOD_NOT_ALLOWED.status(), ErrorCode.METHOD_NOT_ALLOWED,
                "method not allowed here; allowed: " + String.join(", ", methods), null, request)
                .allow(methods).build();
    }

    @ServerExceptionMapper
    public Response other(WebApplicationException e, HttpHeaders request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return errors.of(ErrorCode.INTERNAL, "internal error; see the gateway log", null, request);
        }
        // Remaining 4xx from the REST layer (malformed multipart, bad header): keep the status.
        ErrorCode code = ErrorCode.forStatus(status);
        return errors.builder(status, code, "request: " + e.getMessage(), null, request).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpHeaders request) {
        if (MalformedRequests.isMalformedBody(e)) {
            return errors.of(ErrorCode.BAD_REQUEST, MalformedRequests.message(e), null, request);
        }
        LOG.error("unexpected failure", e);
        return errors.of(ErrorCode.INTERNAL, "internal error; see the gateway log", null, request);
    }
}
