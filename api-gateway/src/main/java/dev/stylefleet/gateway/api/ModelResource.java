package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.auth.CallerTenant;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.Int8Variant;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.platform.onnx.ModelProbe;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.StorageException;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Models usable by the caller ({@code GET /v1/models}: built-ins, whose manifest has no tenant, and the
 * tenant's own) and model import ({@code POST /v1/models}): an ONNX file loaded in ONNX Runtime and
 * probed against the model interface ({@link ModelImportCheck}, the shared ModelProbe) and published
 * to the registry as version 1 under the tenant.
 */
@Path("/v1/models")
@Blocking
public class ModelResource {
    static final List<Integer> SR_SCALES = ModelProbe.SR_SCALES;
    /** The version an imported model is published as (a new id per import; ids are never reused). */
    static final String IMPORT_VERSION = "1";

    @Inject
    GatewayConfig config;

    @Inject
    CallerTenant caller;

    @Inject
    ModelRegistry registry;

    /** A model as {@code GET /v1/models} lists it; {@code int8} is null when the model has no int8 variant. */
    public record ModelView(String id, String task, int scale, String architecture, String version, Instant created,
            boolean builtin, Int8View int8) {
        static ModelView of(ModelManifest m) {
            return new ModelView(m.modelId(), m.task(), m.scale(), m.architecture(), m.version(), m.created(),
                    m.tenant() == null, m.int8() == null ? null : Int8View.of(m.int8()));
        }
    }

    /**
     * A model's int8 variant and the figures of the quality gate it passed (docs/api.md, "Precision"):
     * PSNR of its output against the fp32 model's on held-out images, and for super-resolution both
     * variants' PSNR/SSIM against ground truth (null for style models).
     */
    public record Int8View(long sizeBytes, String calibration, int gateImages, double thresholdDb,
            double psnrVsFp32Db, double minPsnrVsFp32Db, Double fp32PsnrVsTruthDb, Double int8PsnrVsTruthDb,
            Double fp32SsimVsTruth, Double int8SsimVsTruth) {
        static Int8View of(Int8Variant v) {
            return new Int8View(v.sizeBytes(), v.calibration(), v.gateImages(), v.thresholdDb(), v.psnrVsFp32Db(),
                    v.minPsnrVsFp32Db(), v.fp32PsnrVsTruthDb(), v.int8PsnrVsTruthDb(), v.fp32SsimVsTruth(),
                    v.int8SsimVsTruth());
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ModelView> list() {
        String tenant = caller.get();
        try {
            return registry.all().stream().filter(m -> m.tenant() == null || m.tenant().equals(tenant))
                    .sorted(Comparator.comparing(ModelManifest::modelId)).map(ModelView::of).toList();
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, "the model registry cannot be reached; retry later", e);
        }
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importModel(@RestForm("file") FileUpload file, @RestForm String task, @RestForm String scale,
            @RestForm String id) {
        if (file == null) {
            throw FormFields.missing("file", "a file part holding an ONNX model");
        }
        if (FormFields.blank(id)) {
            throw FormFields.missing("id", "the new model's id: lowercase letters, digits, '.', '_' and '-'");
        }
        if (FormFields.blank(task)) {
            throw FormFields.missing("task", "one of " + String.join(", ", SubmissionValidator.TASKS));
        }
        String modelId = id.trim();
        if (!SubmissionValidator.MODEL_ID.matcher(modelId).matches()) {
            throw FormFields.invalid("id", id, "lowercase letters, digits, '.', '_' and '-', 1 to 64 characters, "
                    + "starting with a letter or digit");
        }
        String t = FormFields.oneOf("task", task, SubmissionValidator.TASKS);
        int s;
        if (t.equals(InferJobRequested.TASK_STYLIZE)) {
            Integer given = FormFields.integer("scale", scale, 1, 1);
            s = given == null ? 1 : given;
        } else {
            if (FormFields.blank(scale)) {
                throw FormFields.missing("scale", "the super-resolution factor, one of " + SR_SCALES);
            }
            Integer given = FormFields.integer("scale", scale, 2, 8);
            if (!SR_SCALES.contains(given)) {
                throw FormFields.invalid("scale", scale, "one of " + SR_SCALES);
            }
            s = given;
        }
        if (file.size() > config.api().maxModelBytes()) {
            throw new ApiException(ErrorCode.MODEL_INVALID, "file", "file: " + file.size() + " bytes; at most "
                    + config.api().maxModelBytes() + " bytes are allowed");
        }
        byte[] bytes = SubmissionValidator.read(file);
        try {
            // The id is checked before the probe: a taken id is refused without loading anything.
            if (!registry.versions(modelId).isEmpty()) {
                throw new ApiException(ErrorCode.MODEL_ID_TAKEN, "id", "id: '" + modelId
                        + "' is already used by a model; choose another id");
            }
            ModelImportCheck.check(bytes, t, s);
            ModelManifest m = registry.publish(modelId, IMPORT_VERSION, t, s, "imported", bytes, null, caller.get(),
                    Map.of("source", "POST /v1/models"));
            return Response.status(Response.Status.CREATED).entity(ModelView.of(m)).build();
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, "the model registry cannot be reached; retry later", e);
        }
    }
}
