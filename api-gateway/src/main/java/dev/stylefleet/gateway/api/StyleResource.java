package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.admission.AdmissionControl;
import dev.stylefleet.gateway.admission.QueueClass;
import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.views.JobView;
import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.auth.CallerTenant;
import dev.stylefleet.gateway.callbacks.CallbackUrlPolicy;
import dev.stylefleet.platform.imaging.ImageHeader;
import dev.stylefleet.platform.imaging.ImageType;
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
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.TrainJobRequested;
import dev.stylefleet.schemas.TrainParams;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.platform.storage.StorageException;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Styles: {@code POST /v1/styles} starts a style-training job (Johnson et al. 2016, section 3: a
 * transform network trained for one style image over a dataset of content images); the style's id is
 * the id of the model the job publishes. {@code GET /v1/styles} lists the built-in styles first, then
 * the tenant's styles with their training state; {@code GET /v1/styles/{id}/thumbnail} shows a trained
 * style's image downscaled, {@code GET /v1/styles/{id}/preview} a built-in's preview (the network
 * applied to a picture the project owns; the paintings themselves are not shipped). Trained styles are
 * the tenant's training jobs seen from the model side; built-in styles are the registry's stylize
 * models without a tenant, which the inference workers publish at start with their card and preview.
 * Neither needs a store of its own.
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
    AdmissionControl admission;

    @Inject
    JobSubmitter submitter;

    @Inject
    JobStore jobs;

    @Inject
    ObjectStore store;

    @Inject
    ModelLookup models;

    @Inject
    ModelRegistry registry;

    /**
     * {@code state}: TRAINING (job QUEUED or RUNNING), READY (model published) or FAILED (failed or
     * cancelled); built-in styles are always READY. A trained style has a {@code thumbnailUrl} (its
     * style image), a built-in one a {@code previewUrl} and its card's {@code artist}, {@code painting}
     * and {@code licence} (null when the card has none).
     */
    public record StyleView(String id, String name, String state, String modelId, String jobId, String dataset,
            String thumbnailUrl, Instant createdAt, boolean builtin, String artist, String painting, String licence,
            String previewUrl) {}

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
        Job job = idempotency.once(tenant, key, hash, () -> {
            admission.admit(QueueClass.TRAIN);
            return submitter.submit(new TrainSubmission(tenant, styleId(name, suffix), name, dataset, bytes, header,
                    thumbnail, params, callback, idem));
        });
        String base = BaseUrl.of(config, uri);
        return Response.accepted(JobView.of(job, base)).location(URI.create(base + "v1/jobs/" + job.id())).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<StyleView> list(@Context UriInfo uri) {
        String base = BaseUrl.of(config, uri);
        List<StyleView> out = new ArrayList<>(builtins().stream().map(m -> builtinView(m, base)).toList());
        styles(caller.get()).map(j -> view(j, base)).forEach(out::add);
        return out;
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public StyleView get(@PathParam("id") String id, @Context UriInfo uri) {
        String base = BaseUrl.of(config, uri);
        Optional<Job> trained = trained(id);
        if (trained.isPresent()) {
            return view(trained.get(), base);
        }
        return builtinView(builtin(id).orElseThrow(() -> notFound(id)), base);
    }

    @GET
    @Path("{id}/preview")
    @Produces("image/jpeg")
    public Response preview(@PathParam("id") String id) {
        if (trained(id).isPresent()) {
            throw new ApiException(ErrorCode.NO_PREVIEW, "id", "id: style " + FormFields.abbreviate(id)
                    + " is a trained style; it has no preview, its style image is at /v1/styles/" + id + "/thumbnail");
        }
        ModelManifest m = builtin(id).orElseThrow(() -> notFound(id));
        try {
            String key = ObjectKeys.modelPreview(m.modelId(), m.version());
            if (!store.exists(registry.bucket(), key)) {
                throw new ApiException(ErrorCode.NO_PREVIEW, "id", "id: built-in style " + id + " has no preview image");
            }
            return Response.ok(store.open(registry.bucket(), key), "image/jpeg").build();
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, "the object store cannot be reached; retry later", e);
        }
    }

    @GET
    @Path("{id}/thumbnail")
    @Produces("image/png")
    public Response thumbnail(@PathParam("id") String id) {
        Optional<Job> trained = trained(id);
        if (trained.isEmpty() && builtin(id).isPresent()) {
            throw new ApiException(ErrorCode.NO_PREVIEW, "id", "id: built-in style " + id + " has no style image "
                    + "(the paintings are not shipped); its preview is at /v1/styles/" + id + "/preview");
        }
        Job job = trained.orElseThrow(() -> notFound(id));
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

    private Optional<Job> trained(String id) {
        return styles(caller.get()).filter(j -> j.request().modelId().equals(id)).findFirst();
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.STYLE_NOT_FOUND, "id", "id: no style " + FormFields.abbreviate(id)
                + " for this API key");
    }

    /** Built-in styles: the registry's stylize models without a tenant, by id. */
    private List<ModelManifest> builtins() {
        try {
            return registry.all().stream().filter(StyleResource::isBuiltinStyle)
                    .sorted(Comparator.comparing(ModelManifest::modelId)).toList();
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, "the model registry cannot be reached; retry later", e);
        }
    }

    private Optional<ModelManifest> builtin(String id) {
        if (!SubmissionValidator.MODEL_ID.matcher(id).matches()) {
            return Optional.empty(); // not an id the registry could hold: no request to the store
        }
        try {
            return registry.latest(id).filter(StyleResource::isBuiltinStyle);
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, "the model registry cannot be reached; retry later", e);
        }
    }

    static boolean isBuiltinStyle(ModelManifest m) {
        return m.tenant() == null && InferJobRequested.TASK_STYLIZE.equals(m.task());
    }

    /** A built-in as a style: its card's fields come from the manifest's options (the worker put them there). */
    static StyleView builtinView(ModelManifest m, String base) {
        Map<String, String> o = m.options() == null ? Map.of() : m.options();
        String name = o.getOrDefault("name", m.modelId());
        return new StyleView(m.modelId(), name, "READY", m.modelId(), null, null, null, m.created(), true,
                o.get("artist"), o.get("painting"), o.get("licence"), base + "v1/styles/" + m.modelId() + "/preview");
    }

    private static StyleView view(Job j, String base) {
        String state = switch (j.state()) {
            case QUEUED, RUNNING -> "TRAINING";
            case SUCCEEDED -> "READY";
            case FAILED, CANCELLED -> "FAILED";
        };
        String id = j.request().modelId();
        return new StyleView(id, j.request().styleName(), state, state.equals("READY") ? id : null, j.id(),
                j.request().datasetName(), base + "v1/styles/" + id + "/thumbnail", j.createdAt(), false, null, null,
                null, null);
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
