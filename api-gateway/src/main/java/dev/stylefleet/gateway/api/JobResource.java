package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.admission.AdmissionControl;
import dev.stylefleet.gateway.admission.QueueClass;
import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.views.JobView;
import dev.stylefleet.gateway.timing.ServerTiming;
import dev.stylefleet.gateway.views.JobResults;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.auth.CallerTenant;
import dev.stylefleet.gateway.jobs.Job;
import dev.stylefleet.gateway.jobs.JobStore;
import dev.stylefleet.gateway.jobs.JobSubmitter;
import dev.stylefleet.gateway.jobs.Submission;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.platform.storage.StorageException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Jobs: submit one image ({@code POST /v1/jobs}), list ({@code GET /v1/jobs}), watch
 * ({@code GET /v1/jobs/{id}}, or live: {@code GET /v1/jobs/{id}/events}), cancel
 * ({@code DELETE /v1/jobs/{id}}), and fetch the result image or a training preview. All calls act for
 * the tenant of the API key; another tenant's job answers 404 exactly like a missing one. Blocking:
 * every call talks to S3 or Kafka (the event stream itself is pushed from the job store).
 */
@Path("/v1/jobs")
@Blocking
public class JobResource {

    @Inject
    GatewayConfig config;

    @Inject
    CallerTenant caller;

    @Inject
    SubmissionValidator validator;

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
    ObjectMapper json;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(@BeanParam JobForm form, @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Context UriInfo uri) {
        // Timed from here: what the HTTP layer did before (reading and spooling the multipart body)
        // happens before the resource method runs.
        ServerTiming timing = new ServerTiming();
        String key = IdempotencyKeys.key(idempotencyKey);
        Submission checked = validator.validate(caller.get(), form);
        String hash = key == null ? null : IdempotencyKeys.hash(checked);
        Submission s = key == null ? checked : checked.withIdempotency(new Submission.Idempotency(key, hash));
        timing.lap("validate");
        Job job = idempotency.once(caller.get(), key, hash, () -> {
            admission.admit(QueueClass.ofInferTask(s.task()));
            return submitter.submit(s, timing);
        });
        return accepted(job, uri, timing);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JobPage list(@QueryParam("state") String state, @QueryParam("page") String page,
            @QueryParam("size") String size, @Context UriInfo uri) {
        JobState wanted = null;
        if (!FormFields.blank(state)) {
            try {
                wanted = JobState.valueOf(state.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw FormFields.invalid("state", state, "one of " + List.of(JobState.values()));
            }
        }
        Integer p = FormFields.integer("page", page, 1, Integer.MAX_VALUE);
        Integer n = FormFields.integer("size", size, 1, config.api().maxPageSize());
        int pageNo = p == null ? 1 : p;
        int pageSize = n == null ? config.api().defaultPageSize() : n;
        requireLoaded();
        List<Job> all = jobs.list(caller.get(), wanted);
        String base = baseUrl(uri);
        List<JobView> items = all.stream().skip((long) (pageNo - 1) * pageSize).limit(pageSize)
                .map(j -> JobView.of(j, base)).toList();
        return new JobPage(items, pageNo, pageSize, all.size());
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public JobView get(@PathParam("id") String id, @Context UriInfo uri) {
        return JobView.of(find(id), baseUrl(uri));
    }

    /**
     * Cancels a QUEUED or RUNNING job (see {@link JobSubmitter#cancel}) and answers 202 with the job,
     * waiting a moment for the CANCELLED state to come back so that the answer usually shows it.
     */
    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id, @Context UriInfo uri) {
        Job job = find(id);
        CompletableFuture<Job> ended = new CompletableFuture<>();
        try (AutoCloseable watch = jobs.watch(id, j -> {
            if (j.state().terminal()) {
                ended.complete(j);
            }
        })) {
            submitter.cancel(job);
            Job now = ended.get(config.api().cancelWait().toMillis(), TimeUnit.MILLISECONDS);
            return Response.accepted(JobView.of(now, baseUrl(uri))).build();
        } catch (TimeoutException e) {
            return Response.accepted(JobView.of(find(id), baseUrl(uri))).build();
        } catch (ApiException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Path("{id}/result")
    public Response result(@PathParam("id") String id) {
        Job job = find(id);
        if (job.state() != JobState.SUCCEEDED) {
            throw new ApiException(ErrorCode.JOB_NOT_FINISHED, null, "job " + id + " is " + job.state()
                    + "; a result exists only once the job is SUCCEEDED (poll GET /v1/jobs/" + id + ")");
        }
        if (job.output() == null) {
            throw new ApiException(ErrorCode.NO_IMAGE_RESULT, null, "job " + id + " produced no image"
                    + (job.kind() == JobKind.TRAIN ? "; a training job's result is the model in result.modelId" : ""));
        }
        return stream(job.output().key(), JobResults.contentType(job.output()), "the result of job " + id);
    }

    /** The latest preview image of a training job ({@code ?step=} is ignored: it only defeats caches). */
    @GET
    @Path("{id}/preview")
    public Response preview(@PathParam("id") String id) {
        Job job = find(id);
        if (job.progress() == null || job.progress().previewKey() == null) {
            throw new ApiException(ErrorCode.NO_PREVIEW, null, "job " + id + " has no preview yet; training jobs "
                    + "report one with their progress (see progress.previewUrl)");
        }
        return stream(job.progress().previewKey(), "image/png", "the preview of job " + id);
    }

    /**
     * Server-sent events: {@code state} (data: the JobView) first with the current state and then on
     * every state change, {@code progress} (data: the progress object) on every new progress report;
     * the stream ends after the terminal state.
     */
    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @Context Sse sse, @Context UriInfo uri) {
        Job first = find(id);
        String base = baseUrl(uri);
        return Multi.createFrom().emitter(emitter -> {
            Object lock = new Object();
            Job[] last = new Job[1];
            java.util.function.Consumer<Job> push = j -> {
                synchronized (lock) {
                    Job prev = last[0];
                    if (prev != null && prev.state().terminal()) {
                        return;
                    }
                    boolean stateChanged = prev == null || prev.state() != j.state()
                            || !Objects.equals(prev.result(), j.result()) || !Objects.equals(prev.error(), j.error());
                    boolean progressChanged = j.progress() != null
                            && (prev == null || !Objects.equals(prev.progress(), j.progress()));
                    last[0] = j;
                    if (progressChanged) {
                        emitter.emit(event(sse, "progress", JobView.progress(j, base + "v1/jobs/" + j.id())));
                    }
                    if (stateChanged) {
                        emitter.emit(event(sse, "state", JobView.of(j, base)));
                    }
                    if (j.state().terminal()) {
                        emitter.complete();
                    }
                }
            };
            AutoCloseable watch = jobs.watch(id, push);
            emitter.onTermination(() -> {
                try {
                    watch.close();
                } catch (Exception ignored) {
                    // removing a watcher cannot fail
                }
            });
            // The current state first; a change that raced with the subscription is folded in by push.
            synchronized (lock) {
                Job now = jobs.find(first.tenant(), id).orElse(first);
                last[0] = now;
                emitter.emit(event(sse, "state", JobView.of(now, base)));
                if (now.progress() != null) {
                    emitter.emit(event(sse, "progress", JobView.progress(now, base + "v1/jobs/" + id)));
                }
                if (now.state().terminal()) {
                    emitter.complete();
                }
            }
        });
    }

    private OutboundSseEvent event(Sse sse, String name, Object data) {
        try {
            return sse.newEventBuilder().name(name).mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(String.class, json.writeValueAsString(data)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response stream(String key, String contentType, String what) {
        InputStream body;
        try {
            if (!store.exists(Buckets.DATA, key)) {
                throw new ApiException(ErrorCode.RESULT_GONE, null, what + " is no longer stored");
            }
            body = store.open(Buckets.DATA, key);
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, "the object store cannot be reached; retry later", e);
        }
        return Response.ok(body, contentType).build();
    }

    private Response accepted(Job job, UriInfo uri, ServerTiming timing) {
        return Response.accepted(JobView.of(job, baseUrl(uri)))
                .location(URI.create(baseUrl(uri) + "v1/jobs/" + job.id()))
                .header(ServerTiming.HEADER, timing.header())
                .build();
    }

    private void requireLoaded() {
        if (!jobs.caughtUp()) {
            throw new ApiException(ErrorCode.NOT_READY, null,
                    "the gateway is still loading job state after start-up; retry shortly");
        }
    }

    private Job find(String id) {
        return jobs.find(caller.get(), id).orElseThrow(() -> {
            if (!jobs.caughtUp()) {
                // Not found may only mean "not read yet": say so rather than claim it does not exist.
                return new ApiException(ErrorCode.NOT_READY, null,
                        "the gateway is still loading job state after start-up; retry shortly");
            }
            return new ApiException(ErrorCode.JOB_NOT_FOUND, "id", "id: no job " + FormFields.abbreviate(id)
                    + " for this API key");
        });
    }

    /** The public root of the API, ending in a slash: configured, or else the one the request came to. */
    String baseUrl(UriInfo uri) {
        return BaseUrl.of(config, uri);
    }
}
