package dev.stylefleet.gateway.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.stylefleet.gateway.jobs.Job;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobRecord;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.TrainJobRequested;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job as the API shows it ({@code GET /v1/jobs/{id}}, list items, the 202 of submissions, SSE
 * {@code state} events, callback bodies without {@code callbacks}). {@code result} only on SUCCEEDED ({@code modelId} for
 * training jobs), {@code error} only on FAILED (or a CANCELLED job with a reason), {@code progress}
 * and {@code lossHistory} for training jobs that reported any, {@code callbacks} once a delivery was
 * attempted. Object keys and tenants stay internal.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "state", "kind", "task", "model", "format", "options", "style", "upscaler", "createdAt", "updatedAt",
        "result", "error", "progress", "lossHistory", "callbackUrl", "callbacks"})
public record JobView(
        String id,
        String state,
        String kind,
        String task,
        String model,
        String format,
        InferOptions options,
        StyleRef style,
        UpscalerRef upscaler,
        Instant createdAt,
        Instant updatedAt,
        ResultView result,
        ErrorView error,
        ProgressView progress,
        List<LossView> lossHistory,
        String callbackUrl,
        List<CallbackView> callbacks) {

    /**
     * {@code url} is absolute: {@code <base>/v1/jobs/{id}/result}; {@code modelId} for training jobs;
     * {@code workerTimings} (ms: fetch, compute, store) as the inference worker measured them; {@code precision}
     * the model variant an inference job ran and why.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"width", "height", "contentType", "url", "modelId", "workerTimings", "precision"})
    public record ResultView(Integer width, Integer height, String contentType, String url, String modelId,
            JobEvent.Timings workerTimings, PrecisionView precision) {}

    /** {@code used}: {@code fp32} or {@code int8}; {@code reason}: the worker's, in words. */
    public record PrecisionView(String used, String reason) {
        static PrecisionView of(JobEvent.Precision p) {
            return p == null ? null : new PrecisionView(p.used(), p.reason());
        }
    }

    public record ErrorView(String code, String message) {}

    /** The style a training job trains: its id (= the model it publishes), name and dataset. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StyleRef(String id, String name, String dataset) {}

    /** The upscaler a super-resolution training job trains: the id of the model it publishes, and its dataset. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "dataset"})
    public record UpscalerRef(String id, String dataset) {}

    /** The latest training progress; {@code previewUrl} is {@code <base>/v1/jobs/{id}/preview?step=N}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"step", "totalSteps", "losses", "stepsPerSecond", "etaSeconds", "previewUrl"})
    public record ProgressView(long step, long totalSteps, Map<String, Double> losses, Double stepsPerSecond,
            Double etaSeconds, String previewUrl) {}

    public record LossView(long step, Map<String, Double> losses) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"deliveryId", "attempt", "at", "status", "httpStatus", "error"})
    public record CallbackView(String deliveryId, int attempt, Instant at, String status, Integer httpStatus,
            String error) {}

    /** @param baseUrl the API's public root, ending in a slash */
    public static JobView of(Job job, String baseUrl) {
        String jobUrl = baseUrl + "v1/jobs/" + job.id();
        ResultView result = null;
        if (job.output() != null) {
            Job.Output o = job.output();
            result = new ResultView(o.width(), o.height(), JobResults.contentType(o), jobUrl + "/result", null,
                    job.result().timings(), PrecisionView.of(job.result().precision()));
        } else if (job.state() == JobState.SUCCEEDED && job.result() != null && job.result().modelId() != null) {
            result = new ResultView(null, null, null, null, job.result().modelId(), null, null);
        }
        ErrorView error = job.failure() == null ? null
                : new ErrorView(job.failure().code(), job.failure().message());
        JobRecord.Request r = job.request();
        boolean trains = r != null && r.modelId() != null;
        boolean upscales = trains && TrainJobRequested.TASK_SUPER_RESOLVE.equals(r.task());
        StyleRef style = trains && !upscales ? new StyleRef(r.modelId(), r.styleName(), r.datasetName()) : null;
        UpscalerRef upscaler = upscales ? new UpscalerRef(r.modelId(), r.datasetName()) : null;
        List<LossView> losses = job.lossHistory().isEmpty() ? null
                : job.lossHistory().stream().map(p -> new LossView(p.step(), p.losses())).toList();
        List<CallbackView> callbacks = job.callbacks().isEmpty() ? null : job.callbacks().stream()
                .map(a -> new CallbackView(a.deliveryId(), a.attempt(), a.at(), a.status(), a.httpStatus(), a.error()))
                .toList();
        InferOptions options = r == null || r.options() == null || r.options().equals(InferOptions.defaults())
                ? null : r.options();
        return new JobView(job.id(), job.state().name(), job.kind().name(), job.task(), job.model(),
                job.outputFormat(), options, style, upscaler, job.createdAt(), job.updatedAt(), result, error,
                progress(job, jobUrl), losses, r == null ? null : r.callbackUrl(), callbacks);
    }

    /**
     * This view without {@code callbacks}: the {@code job} of a callback body. A delivery's own attempts
     * grow while it is retried, and every attempt of one delivery must carry the same body bytes.
     */
    public JobView withoutCallbacks() {
        return new JobView(id, state, kind, task, model, format, options, style, upscaler, createdAt, updatedAt,
                result, error, progress, lossHistory, callbackUrl, null);
    }

    public static ProgressView progress(Job job, String jobUrl) {
        JobEvent.Progress p = job.progress();
        if (p == null) {
            return null;
        }
        String preview = p.previewKey() == null ? null : jobUrl + "/preview?step=" + p.step();
        return new ProgressView(p.step(), p.totalSteps(), p.losses(), p.stepsPerSecond(), p.etaSeconds(), preview);
    }
}
