package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.auth.CallerTenant;
import dev.stylefleet.gateway.callbacks.CallbackUrlPolicy;
import dev.stylefleet.gateway.images.ImageHeader;
import dev.stylefleet.gateway.images.ImageType;
import dev.stylefleet.gateway.images.ImageValidator;
import dev.stylefleet.gateway.infra.ModelLookup;
import dev.stylefleet.gateway.jobs.Job;
import dev.stylefleet.gateway.jobs.JobIds;
import dev.stylefleet.gateway.jobs.JobStore;
import dev.stylefleet.gateway.jobs.JobSubmitter;
import dev.stylefleet.gateway.jobs.Submission;
import dev.stylefleet.gateway.jobs.TrainSubmission;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.TrainJobRequested;
import dev.stylefleet.schemas.TrainParams;
import dev.stylefleet.schemas.storage.ObjectStore;
import dev.stylefleet.schemas.storage.StorageException;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Styles: {@code POST /v1/styles} starts a style-training job (Johnson et al. 2016, section 3: a
 * transform network trained for one style image over a dataset of content images); the style's id is
 * the id of the model the job publishes. {@code GET /v1/styles} lists the tenant's styles with their
 * training state, {@code GET /v1/styles/{id}/thumbnail} shows the style image downscaled. Styles are the
 * tenant's training jobs seen from the model side, so they need no store of their own.
 */
@Path("/v1/styles")
@Blocking
public class StyleResource {
    /** Hex digits appended to the name's slug to make the style id unique. */
    static final int ID_SUFFIX_HEX = 8;

    @Inject
    GatewayConfig config;

    @Inject
    CallerTenant caller;

    @Inject
    ImageValidator images;

    @Inject
    CallbackUrlPolicy callbackPolicy;

    @Inject
    IdempotencyKeys idempotency;

    @Inject
    JobSubmitter submitter;

    @Inject
    JobStore jobs;

    @Inject
    ObjectStore store;

    @Inject
    ModelLookup models;

    /** {@code state}: TRAINING (job QUEUED or RUNNING), READY (model published) or FAILED (failed or cancelled). */
    public record StyleView(String id, String name, String state, String modelId, String jobId, String dataset,
            String thumbnailUrl, Instant createdAt) {}

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@BeanParam StyleForm f, @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Context UriInfo uri) {
        String tenant = caller.get();
        String key = IdempotencyKeys.key(idempotencyKey);
        if (f.styleImage == null) {
            throw FormFields.missing("styleImage", "a file part holding the style image (PNG or JPEG)");
        }
        if (FormFields.blank(f.name)) {
            throw FormFields.missing("name", "the style's name");
        }
        String name = f.name.trim();
        if (name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw FormFields.invalid("name", f.name, "1 to 100 characters without control characters");
        }
        String dataset = TrainingRequests.dataset(f);
        TrainParams params = TrainParamsFields.style(f);
        Submission.Callback callback = FormFields.callback(callbackPolicy, config.callbacks().effectiveSecrets(), tenant,
                f.callbackUrl, f.callbackProgress);
        byte[] bytes;
        ImageHeader header;
        try {
            images.checkSize(f.styleImage.size());
            bytes = SubmissionValidator.read(f.styleImage);
            header = images.validate(bytes);
        } catch (ApiException e) {
            // Same checks as a job's image; the answer names this form's field.
            throw new ApiException(e.code(), "styleImage", "styleImage" + e.getMessage().substring(e.getMessage().indexOf(':')), e);
        }
        if (header.type() == ImageType.WEBP) {
            throw new ApiException(ErrorCode.UNSUPPORTED_IMAGE_TYPE, "styleImage",
                    "styleImage: WebP cannot be used as a style image; allowed: PNG, JPEG");
        }
        TrainingRequests.requireDataset(store, tenant, dataset);
        TrainingRequests.requireInitModel(models, tenant, params.initFrom(), InferJobRequested.TASK_STYLIZE, 1);
        byte[] thumbnail = thumbnail(bytes, config.api().thumbnailSide());
        String hash = IdempotencyKeys.hash("style", name, dataset, params, callback == null ? null : callback.url(),
                callback == null ? null : callback.progress(), bytes);
        Submission.Idempotency idem = key == null ? null : new Submission.Idempotency(key, hash);
        // With a key, the style id's suffix comes from the job id the key derives: two replicas that accept
        // the same keyed request at once then name one style, as they create one job.
        String suffix = JobIds.forSubmission(tenant, idem, config.api().jobRetention());
        Job job = idempotency.once(tenant, key, hash, () -> submitter.submit(new TrainSubmission(tenant,
                styleId(name, suffix), name, dataset, bytes, header, thumbnail, params, callback, idem)));
        String base = BaseUrl.of(config, uri);
        return Response.accepted(JobView.of(job, base)).location(URI.create(base + "v1/jobs/" + job.id())).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<StyleView> list(@Context UriInfo uri) {
        String base = BaseUrl.of(config, uri);
        return styles(caller.get()).map(j -> view(j, base)).toList();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public StyleView get(@PathParam("id") String id, @Context UriInfo uri) {
        return view(find(id), BaseUrl.of(config, uri));
    }

    @GET
    @Path("{id}/thumbnail")
    @Produces("image/png")
    public Response thumbnail(@PathParam("id") String id) {
        Job job = find(id);
        try {
            return Response.ok(store.open(Buckets.DATA, ObjectKeys.style(job.tenant(), id) + "thumbnail.png"), "image/png")
                    .build();
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, "the object store cannot be reached; retry later", e);
        }
    }

    private java.util.stream.Stream<Job> styles(String tenant) {
        return jobs.list(tenant, null).stream().filter(j -> j.kind() == JobKind.TRAIN && j.request() != null
                && TrainJobRequested.TASK_STYLE.equals(j.request().task()) && j.request().modelId() != null);
    }

    private Job find(String id) {
        return styles(caller.get()).filter(j -> j.request().modelId().equals(id)).findFirst()
                .orElseThrow(() -> new ApiException(ErrorCode.STYLE_NOT_FOUND, "id", "id: no style "
                        + FormFields.abbreviate(id) + " for this API key"));
    }

    private static StyleView view(Job j, String base) {
        String state = switch (j.state()) {
            case QUEUED, RUNNING -> "TRAINING";
            case SUCCEEDED -> "READY";
            case FAILED, CANCELLED -> "FAILED";
        };
        String id = j.request().modelId();
        return new StyleView(id, j.request().styleName(), state, state.equals("READY") ? id : null, j.id(),
                j.request().datasetName(), base + "v1/styles/" + id + "/thumbnail", j.createdAt());
    }

    /**
     * The name as a model-id slug plus the first hex digits of {@code suffix} (a job id: random, or
     * derived from the idempotency key): {@code "Starry Night"} becomes {@code starry-night-1f0c9a2e}.
     */
    static String styleId(String name, String suffix) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        int room = 64 - 1 - ID_SUFFIX_HEX;
        slug = slug.isEmpty() ? "style" : slug.length() > room ? slug.substring(0, room).replaceAll("-+$", "") : slug;
        return slug + "-" + suffix.substring(0, ID_SUFFIX_HEX);
    }

    /** The image scaled so that its longer side is at most {@code side}, as PNG. */
    static byte[] thumbnail(byte[] image, int side) {
        try {
            BufferedImage src = ImageIO.read(new ByteArrayInputStream(image));
            double scale = Math.min(1.0, (double) side / Math.max(src.getWidth(), src.getHeight()));
            int w = Math.max(1, (int) Math.round(src.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(src.getHeight() * scale));
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(src, 0, 0, w, h, null);
            g.dispose();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(out, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new ApiException(ErrorCode.INVALID_IMAGE, "styleImage", "styleImage: cannot be decoded: " + e.getMessage());
        }
    }
}
