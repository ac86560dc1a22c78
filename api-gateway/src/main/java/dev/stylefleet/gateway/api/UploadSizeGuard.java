package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ErrorBody;
import dev.stylefleet.gateway.errors.RequestIds;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stylefleet.gateway.GatewayConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Refuses an upload whose Content-Length already exceeds max-upload-bytes plus the multipart overhead,
 * before a byte of its body is read (nothing spooled to disk), with the API's IMAGE_TOO_LARGE body.
 * It runs just before the HTTP layer's own body-size check, which would answer the same 413 but empty.
 * The connection is closed, as that check does, because the unread body is still on its way. Uploads
 * within this bound are checked exactly (file part size) by {@link SubmissionValidator}.
 *
 * <p>A chunked upload (no Content-Length) is cut off by the HTTP layer once it passes the same bound
 * ({@code quarkus.http.limits.max-body-size}, derived by HttpBodyLimitConfigSourceFactory); that
 * answer is a 413 without the JSON body, because the HTTP layer has already written it by the time
 * the application hears of it.
 */
@ApplicationScoped
public class UploadSizeGuard {
    private static final Logger LOG = Logger.getLogger(UploadSizeGuard.class);

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        long fileLimit = config.limits().maxUploadBytes();
        long bodyLimit = fileLimit + config.limits().multipartOverheadBytes();
        String message = "image: the request body exceeds the upload limit; an image may be at most " + fileLimit + " bytes";
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (ctx.request().method() == HttpMethod.POST && length != null && exceeds(length, bodyLimit)
                    && ctx.request().path().startsWith("/v1/")) {
                LOG.debugf("refusing %s bytes on %s before reading them", length, ctx.request().path());
                String requestId = RequestIds.accept(ctx.request().getHeader(RequestIds.HEADER));
                String body;
                try {
                    body = json.writeValueAsString(ErrorBody.of(ErrorCode.IMAGE_TOO_LARGE, message, "image", requestId));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("an error body always serialises", e);
                }
                ctx.response().setStatusCode(ErrorCode.IMAGE_TOO_LARGE.status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .putHeader(RequestIds.HEADER, requestId)
                        .end(body);
                return;
            }
            ctx.next();
        });
    }

    private static boolean exceeds(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer rejects a malformed Content-Length itself
        }
    }
}
