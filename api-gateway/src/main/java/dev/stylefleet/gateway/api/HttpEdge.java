package dev.stylefleet.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.errors.ErrorBody;
import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.RequestIds;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The API's HTTP edge on the Vert.x router, where the REST layer's exception mappers cannot reach:
 * <ul>
 *   <li>gives every request its id ({@link RequestIds}: the client's {@code X-Request-Id} or a fresh
 *       one), on the request, where the REST layer reads it for error bodies, and on the answer;</li>
 *   <li>refuses a request line longer than {@code stylefleet.limits.max-uri-length} (414 URI_TOO_LONG)
 *       and headers larger than {@code stylefleet.limits.max-header-bytes} (431 HEADERS_TOO_LARGE) in
 *       the error format. The HTTP codec's own limits, which answer with a bare status, are set above
 *       these in application.properties, so that only a request past them meets the bare answer;</li>
 *   <li>answers every failure raised before the REST layer (the HTTP layer's body limit, multipart
 *       decoding) and every path nothing serves in the error format, instead of the framework's page.</li>
 * </ul>
 */
@ApplicationScoped
public class HttpEdge {
    private static final Logger LOG = Logger.getLogger(HttpEdge.class);
    /** Bytes a header line adds beyond its name and value: ": " and CRLF. */
    private static final int HEADER_LINE_OVERHEAD = 4;

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::admit).failureHandler(this::failed);
        router.route().last().handler(ctx -> answer(ctx, ErrorCode.NOT_FOUND.status(), ErrorCode.NOT_FOUND,
                "no such resource; the API lives under /v1", Map.of()));
        router.errorHandler(ErrorCode.NOT_FOUND.status(), ctx -> answer(ctx, ErrorCode.NOT_FOUND.status(),
                ErrorCode.NOT_FOUND, "no such resource; the API lives under /v1", Map.of()));
    }

    private void admit(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String id = RequestIds.accept(request.getHeader(RequestIds.HEADER));
        request.headers().set(RequestIds.HEADER, id);
        ctx.response().putHeader(RequestIds.HEADER, id);
        int maxUri = config.limits().maxUriLength();
        if (request.uri().length() > maxUri) {
            answer(ctx, ErrorCode.URI_TOO_LONG.status(), ErrorCode.URI_TOO_LONG, "request URI: "
                    + request.uri().length() + " characters; at most " + maxUri + " are allowed", Map.of());
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> h : request.headers()) {
            headerBytes += h.getKey().length() + h.getValue().length() + HEADER_LINE_OVERHEAD;
        }
        int maxHeaders = config.limits().maxHeaderBytes();
        if (headerBytes > maxHeaders) {
            answer(ctx, ErrorCode.HEADERS_TOO_LARGE.status(), ErrorCode.HEADERS_TOO_LARGE, "request headers: "
                    + headerBytes + " bytes; at most " + maxHeaders + " are allowed", Map.of());
            return;
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !MultipartBoundary.usable(contentType)) {
            answer(ctx, ErrorCode.BAD_REQUEST.status(), ErrorCode.BAD_REQUEST, "Content-Type: a multipart body needs a "
                    + "boundary parameter of 1 to 70 characters (RFC 2046), for example "
                    + "'multipart/form-data; boundary=x8f3'", Map.of());
            return;
        }
        ctx.next();
    }

    private void failed(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            // Too late for another status; the connection carries whatever was started.
            LOG.debugf(ctx.failure(), "failure after the answer began on %s", ctx.request().path());
            return;
        }
        Throwable failure = ctx.failure();
        int status = ctx.statusCode();
        if (failure != null && MalformedRequests.isMalformedBody(failure)) {
            answer(ctx, ErrorCode.BAD_REQUEST.status(), ErrorCode.BAD_REQUEST, MalformedRequests.message(failure), Map.of());
            return;
        }
        if (status == ErrorCode.IMAGE_TOO_LARGE.status()) {
            answer(ctx, status, ErrorCode.IMAGE_TOO_LARGE, "request body: exceeds the upload limit; an image may be at most "
                    + config.limits().maxUploadBytes() + " bytes", Map.of(HttpHeaders.CONNECTION.toString(), "close"));
            return;
        }
        if (status >= 400 && status < 500) {
            ErrorCode code = ErrorCode.forStatus(status);
            answer(ctx, status, code, "request: refused by the HTTP layer (" + status + ")", Map.of());
            return;
        }
        LOG.errorf(failure, "request %s failed: %s %s", ctx.request().getHeader(RequestIds.HEADER),
                ctx.request().method(), ctx.request().path());
        answer(ctx, ErrorCode.INTERNAL.status(), ErrorCode.INTERNAL, "internal error; see the gateway log", Map.of());
    }

    private void answer(RoutingContext ctx, int status, ErrorCode code, String message, Map<String, String> headers) {
        String id = RequestIds.accept(ctx.request().getHeader(RequestIds.HEADER));
        String body;
        try {
            body = json.writeValueAsString(ErrorBody.of(code, message, null, id));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body always serialises", e);
        }
        var response = ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(RequestIds.HEADER, id);
        if (status == ErrorCode.NOT_READY.status()) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(ErrorResponses.retryAfterSeconds(config)));
        }
        headers.forEach(response::putHeader);
        response.end(body);
    }
}
