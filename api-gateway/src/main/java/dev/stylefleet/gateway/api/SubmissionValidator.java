package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.callbacks.CallbackUrlPolicy;
import dev.stylefleet.platform.imaging.ImageHeader;
import dev.stylefleet.platform.imaging.ImageType;
import dev.stylefleet.gateway.images.ImageValidator;
import dev.stylefleet.gateway.infra.ModelLookup;
import dev.stylefleet.gateway.jobs.Submission;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.platform.storage.StorageException;
import dev.stylefleet.platform.storage.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Checks every field of {@code POST /v1/jobs} before anything is stored or published: presence, then
 * the cheap syntactic checks (task, model id, format, options, callback URL and its address), then
 * the image (bytes, type, header size; for an image sent with the request also the whole file, for a
 * presigned upload only what its header and size show), then the model in the registry. The first
 * problem found is the answer.
 */
@ApplicationScoped
public class SubmissionValidator {
    static final List<String> TASKS = List.of(InferJobRequested.TASK_SUPER_RESOLVE, InferJobRequested.TASK_STYLIZE);
    static final List<String> FORMATS = List.of("png", "jpeg", "webp");
    static final List<String> PRECISIONS = List.of(InferOptions.PRECISION_FP32, InferOptions.PRECISION_INT8,
            InferOptions.PRECISION_AUTO);
    /** The default output format: lossless, like the paper's results (a JPEG input: see {@link #defaultFormat}). */
    static final String DEFAULT_FORMAT = "png";
    /** Same pattern as {@code model} in InferJobRequested.schema.json and ModelManifest.schema.json. */
    static final Pattern MODEL_ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    /** Upload ids are what {@link UploadResource} hands out: 32 lowercase hex digits. */
    static final Pattern UPLOAD_ID = Pattern.compile("^[0-9a-f]{32}$");
    /**
     * How much of a presigned upload is read to check it: PNG and WebP headers lie in the first 30 bytes,
     * a JPEG's frame header after its metadata segments (each at most 64 KiB; EXIF usually comes first).
     */
    static final long UPLOAD_HEAD_BYTES = 64 * 1024;
    /** InferJobRequested.schema.json: options.maxSide. */
    static final int MAX_SIDE_OPTION = 65535;

    @Inject
    ImageValidator images;

    @Inject
    ModelLookup models;

    @Inject
    ObjectStore store;

    @Inject
    CallbackUrlPolicy callbackPolicy;

    @Inject
    GatewayConfig config;

    public Submission validate(String tenant, JobForm f) {
        boolean hasImage = f.image != null;
        boolean hasUpload = !FormFields.blank(f.uploadId);
        if (!hasImage && !hasUpload) {
            throw FormFields.missing("image", "a file part holding a PNG, JPEG or WebP image (or uploadId from POST /v1/uploads)");
        }
        if (hasImage && hasUpload) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "uploadId",
                    "uploadId: send either an image file part or an uploadId, not both");
        }
        if (FormFields.blank(f.task)) {
            throw FormFields.missing("task", "one of " + String.join(", ", TASKS));
        }
        if (FormFields.blank(f.model)) {
            throw FormFields.missing("model", "a model id from the registry, for example bicubic-x4");
        }
        // Taken exactly as sent: a value with spaces or control characters around it is not the
        // value without them (a trailing NUL is refused, not trimmed away).
        String task = f.task;
        String model = f.model;
        if (!TASKS.contains(task)) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "task", "task: '" + FormFields.abbreviate(task)
                    + "' is not a task; allowed: " + String.join(", ", TASKS));
        }
        if (!MODEL_ID.matcher(model).matches()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "model", "model: '" + FormFields.abbreviate(model)
                    + "' is not a model id; allowed: lowercase letters, digits, '.', '_' and '-', 1 to 64 characters, starting with a letter or digit");
        }
        if (f.format != null && !FORMATS.contains(f.format)) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "format", "format: '" + FormFields.abbreviate(f.format)
                    + "' is not an output format; allowed: " + String.join(", ", FORMATS) + " (default " + DEFAULT_FORMAT + ")");
        }
        FormFields.refuseEmpty("maxSide", f.maxSide, "an integer from 1 to " + MAX_SIDE_OPTION);
        FormFields.refuseEmpty("preserveColor", f.preserveColor, "true or false");
        FormFields.refuseEmpty("strength", f.strength, "a decimal number from 0 to 1");
        FormFields.refuseEmpty("histogramMatch", f.histogramMatch, "true or false");
        FormFields.refuseEmpty("quality", f.quality, "an integer from 1 to 100");
        FormFields.refuseEmpty("callbackProgress", f.callbackProgress, "true or false");
        if (f.precision != null && !PRECISIONS.contains(f.precision)) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "precision", "precision: '"
                    + FormFields.abbreviate(f.precision) + "' is not a precision; allowed: "
                    + String.join(", ", PRECISIONS) + " (default auto)");
        }
        InferOptions options = new InferOptions(
                FormFields.integer("maxSide", f.maxSide, 1, MAX_SIDE_OPTION),
                FormFields.bool("preserveColor", f.preserveColor),
                FormFields.decimal("strength", f.strength, 0, 1),
                FormFields.bool("histogramMatch", f.histogramMatch),
                FormFields.integer("quality", f.quality, 1, 100),
                f.precision);
        Submission.Callback callback = FormFields.callback(callbackPolicy, config.callbacks().effectiveSecrets(), tenant,
                f.callbackUrl, f.callbackProgress);
        if (hasImage) {
            // Refuse by the size the upload reports before reading it into memory.
            images.checkSize(f.image.size());
            byte[] bytes = read(f.image);
            ImageHeader header = images.validate(bytes);
            checkModel(tenant, model, task, f.precision);
            String outputFormat = outputFormat(f.format, header);
            return new Submission(tenant, task, model, outputFormat, bytes, null, header, options, callback, null);
        }
        String uploadId = f.uploadId;
        if (!UPLOAD_ID.matcher(uploadId).matches()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "uploadId", "uploadId: '" + FormFields.abbreviate(uploadId)
                    + "' is not an upload id; allowed: the uploadId returned by POST /v1/uploads");
        }
        Uploaded uploaded = uploaded(tenant, uploadId);
        checkModel(tenant, model, task, f.precision);
        String outputFormat = outputFormat(f.format, uploaded.header());
        return new Submission(tenant, task, model, outputFormat, null, uploaded.upload(), uploaded.header(), options,
                callback, null);
    }

    private record Uploaded(Submission.Upload upload, ImageHeader header) {}

    private String outputFormat(String requested, ImageHeader header) {
        return requested != null ? requested
                : defaultFormat(header == null ? null : header.type(), config.api().jpegInputFormat());
    }

    /**
     * The output format of a job that names none: {@code jpegInputFormat} ({@code stylefleet.api.jpeg-input-format},
     * {@code jpeg} by default: a photograph stays a photograph, and its result is a fraction of a PNG's
     * size and encoding time) for a JPEG input, {@link #DEFAULT_FORMAT} for every other input. A
     * {@code format} the client sends is always obeyed; this is never asked then.
     */
    static String defaultFormat(ImageType input, String jpegInputFormat) {
        if (input != ImageType.JPEG) {
            return DEFAULT_FORMAT;
        }
        if (!FORMATS.contains(jpegInputFormat)) {
            throw new IllegalStateException("stylefleet.api.jpeg-input-format must be one of " + FORMATS + ", was '"
                    + jpegInputFormat + "'");
        }
        return jpegInputFormat;
    }

    /**
     * A presigned upload checked without reading it all: its size from a HEAD, then the checks the
     * header allows on its first {@link #UPLOAD_HEAD_BYTES} (ranged GET). A header beyond those (a JPEG
     * whose metadata segments come first) costs one read of the whole object. The full-file check of
     * the inline path (PNG structure, JPEG decode) is left to the worker, which decodes the image anyway
     * and fails the job if it cannot.
     */
    private Uploaded uploaded(String tenant, String uploadId) {
        String key = ObjectKeys.upload(tenant, uploadId);
        try {
            StoredObject object = store.stat(Buckets.DATA, key).orElseThrow(() -> new ApiException(
                    ErrorCode.UNKNOWN_UPLOAD, "uploadId", "uploadId: nothing was uploaded for " + uploadId
                    + " (PUT the image to the URL from POST /v1/uploads first, before it expires)"));
            images.checkSize(object.size());
            byte[] head = store.getRange(Buckets.DATA, key, 0, Math.min(object.size(), UPLOAD_HEAD_BYTES));
            ImageHeader header;
            try {
                header = images.validateHeader(head, object.size());
            } catch (ApiException e) {
                if (e.code() != ErrorCode.INVALID_IMAGE || head.length >= object.size()) {
                    throw e;
                }
                header = images.validateHeader(store.getRange(Buckets.DATA, key, 0, object.size()), object.size());
            }
            return new Uploaded(new Submission.Upload(key, object.size(), object.etag()), header);
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null,
                    "the object store cannot be reached; nothing was accepted, retry later", e);
        }
    }

    void checkModel(String tenant, String model, String task, String precision) {
        Optional<ModelManifest> manifest;
        try {
            manifest = models.latest(model);
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null,
                    "the model registry cannot be reached; nothing was accepted, retry later", e);
        }
        // A tenant's private model is invisible to other tenants, exactly like a missing one.
        if (manifest.isEmpty() || (manifest.get().tenant() != null && !manifest.get().tenant().equals(tenant))) {
            throw new ApiException(ErrorCode.UNKNOWN_MODEL, "model", "model: '" + model
                    + "' is not in the model registry; allowed: the id of a registered model, for example bicubic-x4");
        }
        if (!manifest.get().task().equals(task)) {
            throw new ApiException(ErrorCode.MODEL_TASK_MISMATCH, "model", "model: '" + model + "' does "
                    + manifest.get().task() + ", not " + task + "; pick a " + task + " model or set task="
                    + manifest.get().task());
        }
        if (InferOptions.PRECISION_INT8.equals(precision) && manifest.get().int8() == null) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "precision", "precision: model '" + model
                    + "' has no int8 variant; allowed: fp32 or auto (GET /v1/models shows which models have one)");
        }
    }

    static byte[] read(FileUpload file) {
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file", e);
        }
    }
}
