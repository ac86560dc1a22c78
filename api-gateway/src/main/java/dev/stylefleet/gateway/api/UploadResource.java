package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.auth.CallerTenant;
import dev.stylefleet.gateway.jobs.JobIds;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.platform.storage.StorageException;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * Presigned uploads for images over the multipart limit: {@code POST /v1/uploads} hands out a
 * time-limited S3 PUT URL under {@code uploads/{tenant}/{uploadId}}; the client PUTs the bytes there and
 * then submits {@code POST /v1/jobs} with {@code uploadId}, where the object is checked by its size and
 * header without being downloaded, then copied inside the store (see {@code SubmissionValidator} and
 * {@code JobSubmitter}). The declared size is checked here only to fail early: the object's real size is
 * what counts at submit. Uploads expire after {@code stylefleet.api.upload-retention} ({@code UploadRetention}).
 */
@Path("/v1/uploads")
@Blocking
public class UploadResource {
    static final List<String> CONTENT_TYPES = List.of("image/png", "image/jpeg", "image/webp");

    @Inject
    GatewayConfig config;

    @Inject
    CallerTenant caller;

    @Inject
    ObjectStore store;

    /** {@code {"contentType":"image/png","sizeBytes":123}}. */
    public record UploadRequest(String contentType, Long sizeBytes) {}

    /** {@code method} is always PUT; {@code expiresAt} is when {@code url} stops working. */
    public record UploadView(String uploadId, String url, String method, Instant expiresAt) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(UploadRequest request) {
        if (request == null || FormFields.blank(request.contentType())) {
            throw FormFields.missing("contentType", "one of " + String.join(", ", CONTENT_TYPES));
        }
        if (!CONTENT_TYPES.contains(request.contentType().trim())) {
            throw new ApiException(ErrorCode.UNSUPPORTED_IMAGE_TYPE, "contentType", "contentType: '"
                    + FormFields.abbreviate(request.contentType()) + "' is not accepted; allowed: " + String.join(", ", CONTENT_TYPES));
        }
        if (request.sizeBytes() == null) {
            throw FormFields.missing("sizeBytes", "the size of the image in bytes");
        }
        long max = config.limits().maxUploadBytes();
        if (request.sizeBytes() < 1) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "sizeBytes", "sizeBytes: must be at least 1");
        }
        if (request.sizeBytes() > max) {
            throw new ApiException(ErrorCode.IMAGE_TOO_LARGE, "sizeBytes", "sizeBytes: " + request.sizeBytes()
                    + " bytes; at most " + max + " bytes are allowed");
        }
        String uploadId = JobIds.next();
        int expiry = (int) config.api().uploadUrlExpiry().toSeconds();
        String url;
        try {
            url = store.presignedPut(Buckets.DATA, ObjectKeys.upload(caller.get(), uploadId), expiry);
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, "the object store cannot be reached; retry later", e);
        }
        return Response.status(Response.Status.CREATED)
                .entity(new UploadView(uploadId, url, "PUT", Instant.now().plusSeconds(expiry))).build();
    }
}
