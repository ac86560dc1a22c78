package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.auth.CallerTenant;
import dev.stylefleet.gateway.jobs.Job;
import dev.stylefleet.gateway.jobs.JobStore;
import dev.stylefleet.gateway.jobs.JobSubmitter;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.storage.ObjectStore;
import dev.stylefleet.schemas.storage.StorageException;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Jobs: submit one image ({@code POST /v1/jobs}), watch it ({@code GET /v1/jobs/{id}}), fetch its
 * result ({@code GET /v1/jobs/{id}/result}). All calls act for the tenant of the API key; another
 * tenant's job answers 404 exactly like a missing one. Blocking: every call talks to S3 or Kafka.
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
    JobSubmitter submitter;

    @Inject
    JobStore jobs;

    @Inject
    ObjectStore store;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(@RestForm("image") FileUpload image, @RestForm("task") String task,
            @RestForm("model") String model, @RestForm("format") String format, @Context UriInfo uri) {
        Job job = submitter.submit(validator.validate(caller.get(), image, task, model, format));
        return Response.accepted(JobView.of(job, baseUrl(uri)))
                .location(URI.create(baseUrl(uri) + "v1/jobs/" + job.id()))
                .build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public JobView get(@PathParam("id") String id, @Context UriInfo uri) {
        return JobView.of(find(id), baseUrl(uri));
    }

    @GET
    @Path("{id}/result")
    public Response result(@PathParam("id") String id) {
        Job job = find(id);
        if (job.state() != JobState.SUCCEEDED || job.output() == null) {
            throw new ApiException(ErrorCode.JOB_NOT_FINISHED, null, "job " + id + " is " + job.state()
                    + "; a result exists only once the job is SUCCEEDED (poll GET /v1/jobs/" + id + ")");
        }
        String key = job.output().key();
        InputStream body;
        try {
            if (!store.exists(Buckets.DATA, key)) {
                throw new ApiException(ErrorCode.RESULT_GONE, null, "the result of job " + id + " is no longer stored");
            }
            body = store.open(Buckets.DATA, key);
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, "the object store cannot be reached; retry later", e);
        }
        return Response.ok(body, JobResults.contentType(job.output())).build();
    }

    private Job find(String id) {
        return jobs.find(caller.get(), id).orElseThrow(() -> {
            if (!jobs.caughtUp()) {
                // Not found may only mean "not read yet": say so rather than claim it does not exist.
                return new ApiException(ErrorCode.NOT_READY, null,
                        "the gateway is still loading job state after start-up; retry shortly");
            }
            return new ApiException(ErrorCode.JOB_NOT_FOUND, "id", "id: no job " + abbreviate(id) + " for this API key");
        });
    }

    /** The public root of the API, ending in a slash: configured, or else the one the request came to. */
    private String baseUrl(UriInfo uri) {
        String base = config.publicBaseUrl().orElse(uri.getBaseUri().toString());
        return base.endsWith("/") ? base : base + "/";
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
