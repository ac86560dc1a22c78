package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.images.ImageHeader;
import dev.stylefleet.gateway.images.ImageValidator;
import dev.stylefleet.gateway.jobs.Submission;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.storage.ModelRegistry;
import dev.stylefleet.schemas.storage.StorageException;
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
 * the cheap syntactic checks, then the image (bytes, type, header size, decode), then the model in the
 * registry. The first problem found is the answer.
 */
@ApplicationScoped
public class SubmissionValidator {
    static final List<String> TASKS = List.of(InferJobRequested.TASK_SUPER_RESOLVE, InferJobRequested.TASK_STYLIZE);
    static final List<String> FORMATS = List.of("png", "jpeg", "webp");
    /** The default output format: lossless, like the paper's results. */
    static final String DEFAULT_FORMAT = "png";
    /** Same pattern as {@code model} in InferJobRequested.schema.json and ModelManifest.schema.json. */
    static final Pattern MODEL_ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");

    @Inject
    ImageValidator images;

    @Inject
    ModelRegistry registry;

    public Submission validate(String tenant, FileUpload image, String task, String model, String format) {
        if (image == null) {
            throw missing("image", "a file part holding a PNG, JPEG or WebP image");
        }
        if (blank(task)) {
            throw missing("task", "one of " + String.join(", ", TASKS));
        }
        if (blank(model)) {
            throw missing("model", "a model id from the registry, for example bicubic-x4");
        }
        task = task.trim();
        model = model.trim();
        if (!TASKS.contains(task)) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "task", "task: '" + abbreviate(task)
                    + "' is not a task; allowed: " + String.join(", ", TASKS));
        }
        if (!MODEL_ID.matcher(model).matches()) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "model", "model: '" + abbreviate(model)
                    + "' is not a model id; allowed: lowercase letters, digits, '.', '_' and '-', 1 to 64 characters, starting with a letter or digit");
        }
        String outputFormat = blank(format) ? DEFAULT_FORMAT : format.trim().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(outputFormat)) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "format", "format: '" + abbreviate(format)
                    + "' is not an output format; allowed: " + String.join(", ", FORMATS) + " (default " + DEFAULT_FORMAT + ")");
        }
        // Refuse by the size the upload reports before reading it into memory.
        images.checkSize(image.size());
        byte[] bytes = read(image);
        ImageHeader header = images.validate(bytes);
        checkModel(tenant, model, task);
        return new Submission(tenant, task, model, outputFormat, bytes, header);
    }

    private void checkModel(String tenant, String model, String task) {
        Optional<ModelManifest> manifest;
        try {
            manifest = registry.latest(model);
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
    }

    private static byte[] read(FileUpload image) {
        try {
            return Files.readAllBytes(image.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file", e);
        }
    }

    private static ApiException missing(String field, String allowed) {
        return new ApiException(ErrorCode.MISSING_FIELD, field, field + ": required multipart field is missing; send " + allowed);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Echo at most a short prefix of client input in messages. */
    private static String abbreviate(String s) {
        String t = s.trim();
        return t.length() <= 64 ? t : t.substring(0, 64) + "...";
    }
}
