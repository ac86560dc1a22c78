package dev.stylefleet.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.stylefleet.gateway.jobs.Job;
import java.time.Instant;

/**
 * A job as the API shows it ({@code GET /v1/jobs/{id}} and the 202 of {@code POST /v1/jobs}).
 * {@code result} only on SUCCEEDED, {@code error} only on FAILED (or a CANCELLED job with a reason).
 * Object keys and tenants stay internal.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "state", "kind", "task", "model", "format", "createdAt", "updatedAt", "result", "error"})
public record JobView(
        String id,
        String state,
        String kind,
        String task,
        String model,
        String format,
        Instant createdAt,
        Instant updatedAt,
        ResultView result,
        ErrorView error) {

    /** {@code url} is absolute: {@code <base>/v1/jobs/{id}/result}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"width", "height", "contentType", "url"})
    public record ResultView(Integer width, Integer height, String contentType, String url) {}

    public record ErrorView(String code, String message) {}

    /** @param baseUrl the API's public root, ending in a slash */
    public static JobView of(Job job, String baseUrl) {
        ResultView result = null;
        if (job.output() != null) {
            Job.Output o = job.output();
            result = new ResultView(o.width(), o.height(), JobResults.contentType(o),
                    baseUrl + "v1/jobs/" + job.id() + "/result");
        }
        ErrorView error = job.failure() == null ? null
                : new ErrorView(job.failure().code(), job.failure().message());
        return new JobView(job.id(), job.state().name(), job.kind().name(), job.task(), job.model(),
                job.outputFormat(), job.createdAt(), job.updatedAt(), result, error);
    }
}
