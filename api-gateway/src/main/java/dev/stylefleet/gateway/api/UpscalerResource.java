package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.admission.AdmissionControl;
import dev.stylefleet.gateway.admission.QueueClass;
import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.views.JobView;
import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.auth.CallerTenant;
import dev.stylefleet.gateway.callbacks.CallbackUrlPolicy;
import dev.stylefleet.gateway.infra.ModelLookup;
import dev.stylefleet.gateway.jobs.Job;
import dev.stylefleet.gateway.jobs.JobStore;
import dev.stylefleet.gateway.jobs.JobSubmitter;
import dev.stylefleet.gateway.jobs.Submission;
import dev.stylefleet.gateway.jobs.UpscalerSubmission;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Upscalers: {@code POST /v1/upscalers} starts a super-resolution training job (Johnson et al. 2016,
 * section 4: a transform network that upscales x4 or x8, trained on patches of a dataset) that publishes
 * the model {@code name}; {@code GET /v1/upscalers} lists the tenant's such jobs. Like styles, upscalers
 * are the tenant's training jobs seen from the model side (task {@code super-resolve} instead of
 * {@code style}), so they need no store of their own; the trained model is then one of
 * {@code GET /v1/models} like any other super-resolve model.
 */
@Path("/v1/upscalers")
@Blocking
public class UpscalerResource {

    @Inject
    GatewayConfig config;

    @Inject
    CallerTenant caller;

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

    /** {@code state}: TRAINING (job QUEUED or RUNNING), READY (model published) or FAILED (failed or cancelled). */
    public record UpscalerView(String id, String state, String modelId, String jobId, String dataset,
            Instant createdAt) {}

    @POST
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED})
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@BeanParam UpscalerForm f, @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Context UriInfo uri) {
        String tenant = caller.get();
        String key = IdempotencyKeys.key(idempotencyKey);
        if (FormFields.blank(f.name)) {
            throw FormFields.missing("name", "the id of the model to train: lowercase letters, digits, '.', '_' and '-'");
        }
        String modelId = TrainParamsFields.modelId("name", f.name);
        String dataset = TrainingRequests.dataset(f);
        if (FormFields.blank(f.scale)) {
            throw FormFields.missing("scale", "the super-resolution factor, one of 4, 8");
        }
        TrainParams params = TrainParamsFields.superResolve(f);
        Submission.Callback callback = FormFields.callback(callbackPolicy, config.callbacks().effectiveSecrets(), tenant,
                f.callbackUrl, f.callbackProgress);
        TrainingRequests.requireDataset(store, tenant, dataset);
        TrainingRequests.requireInitModel(models, tenant, params.initFrom(),
                InferJobRequested.TASK_SUPER_RESOLVE, params.scale());
        String hash = IdempotencyKeys.hash("upscaler", modelId, dataset, params,
                callback == null ? null : callback.url(), callback == null ? null : callback.progress());
        Submission.Idempotency idem = key == null ? null : new Submission.Idempotency(key, hash);
        // The id check runs inside once(): a retry with the same key answers its job, whose model may be
        // published by now, instead of 409 MODEL_ID_TAKEN.
        Job job = idempotency.once(tenant, key, hash, () -> {
            requireFreeModelId(modelId);
            admission.admit(QueueClass.TRAIN);
            return submitter.submit(new UpscalerSubmission(tenant, modelId, dataset, params, callback, idem));
        });
        String base = BaseUrl.of(config, uri);
        return Response.accepted(JobView.of(job, base)).location(URI.create(base + "v1/jobs/" + job.id())).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<UpscalerView> list() {
        return jobs.list(caller.get(), null).stream().filter(UpscalerResource::isUpscalerTraining)
                .map(UpscalerResource::view).toList();
    }

    /** A super-resolution training job (inference jobs of task super-resolve have no model id to publish). */
    static boolean isUpscalerTraining(Job j) {
        return j.kind() == JobKind.TRAIN && j.request() != null
                && TrainJobRequested.TASK_SUPER_RESOLVE.equals(j.request().task()) && j.request().modelId() != null;
    }

    private static UpscalerView view(Job j) {
        String state = switch (j.state()) {
            case QUEUED, RUNNING -> "TRAINING";
            case SUCCEEDED -> "READY";
            case FAILED, CANCELLED -> "FAILED";
        };
        String id = j.request().modelId();
        return new UpscalerView(id, state, state.equals("READY") ? id : null, j.id(), j.request().datasetName(),
                j.createdAt());
    }

    /**
     * 409 MODEL_ID_TAKEN when the registry has a model of that id (any tenant's: ids are global, as for
     * {@code POST /v1/models}) or a training job that has not failed is to publish one. Checked at
     * submission: two submissions of one id at the same moment on two replicas are not caught.
     */
    private void requireFreeModelId(String modelId) {
        boolean taken;
        try {
            taken = !registry.versions(modelId).isEmpty();
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, "the model registry cannot be reached; retry later", e);
        }
        taken = taken || jobs.stream().anyMatch(j -> j.kind() == JobKind.TRAIN && j.request() != null
                && modelId.equals(j.request().modelId()) && j.state() != JobState.FAILED
                && j.state() != JobState.CANCELLED);
        if (taken) {
            throw new ApiException(ErrorCode.MODEL_ID_TAKEN, "name", "name: '" + modelId
                    + "' is already used by a model or a training job; choose another name");
        }
    }
}
