package dev.stylefleet.infer.messaging;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;
import dev.stylefleet.infer.model.ModelSessions;
import dev.stylefleet.infer.pipeline.CancelCheck;
import dev.stylefleet.infer.pipeline.InferJobProcessor;
import dev.stylefleet.infer.pipeline.InferMetrics;
import dev.stylefleet.infer.pipeline.JobCancelled;
import dev.stylefleet.infer.pipeline.StorageRetry;
import dev.stylefleet.runtime.JobAbandoned;
import dev.stylefleet.runtime.JobContext;
import dev.stylefleet.runtime.JobHandler;
import dev.stylefleet.runtime.JobResult;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InvalidMessageException;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import java.lang.System.Logger.Level;

/**
 * The inference worker's job logic on the worker runtime: one {@link InferJobRequested} through the
 * {@link InferJobProcessor} to its SUCCEEDED, FAILED or CANCELLED event. The job asks at its stage
 * boundaries (before each model run, that is between tiles, and before the upload) whether it was
 * cancelled (it ends CANCELLED, having written nothing) or abandoned by a stop whose grace passed.
 */
final class InferJobHandler implements JobHandler<InferJobRequested> {
    private static final System.Logger LOG = System.getLogger(InferJobHandler.class.getName());
    /**
     * Error messages are for people and can embed arbitrary exception text; bounded so that an event
     * can never approach the broker's message size limit (which would make it unpublishable).
     */
    static final int MAX_ERROR_MESSAGE_CHARS = 2000;

    private final InferJobProcessor processor;
    private final ModelSessions sessions;
    private final InferMetrics metrics;
    private final StorageRetry storageRetry;

    InferJobHandler(InferJobProcessor processor, ModelSessions sessions, InferMetrics metrics,
            StorageRetry storageRetry) {
        this.processor = processor;
        this.sessions = sessions;
        this.metrics = metrics;
        this.storageRetry = storageRetry;
    }

    @Override
    public String name() {
        return "infer";
    }

    @Override
    public String topic() {
        return Topics.INFER_JOBS;
    }

    @Override
    public JobKind kind() {
        return JobKind.INFER;
    }

    @Override
    public InferJobRequested decode(byte[] value) throws InvalidMessageException {
        return Messages.INFER_JOB_REQUESTED.decode(value);
    }

    @Override
    public String jobId(InferJobRequested job) {
        return job.jobId();
    }

    @Override
    public String tenant(InferJobRequested job) {
        return job.tenant();
    }

    @Override
    public JobResult run(InferJobRequested job, JobContext context) {
        long started = System.nanoTime();
        JobEvent terminal;
        String summary;
        String outcomeCode;
        try {
            CancelCheck cancel = cancelCheck(job, context);
            InferJobProcessor.Outcome outcome = storageRetry.run("job " + job.jobId(),
                    () -> processor.process(job, cancel), cancel);
            context.resultStored();
            terminal = event(job, context, JobState.SUCCEEDED).withResult(outcome.result());
            summary = "SUCCEEDED version=" + outcome.model().version() + " "
                    + outcome.inputWidth() + "x" + outcome.inputHeight() + " -> " + outcome.result().width() + "x"
                    + outcome.result().height() + " " + outcome.result().key();
            outcomeCode = "SUCCEEDED";
        } catch (JobAbandoned e) {
            throw e;
        } catch (JobCancelled e) {
            terminal = event(job, context, JobState.CANCELLED).withError(JobState.CANCELLED.name(), e.getMessage());
            summary = "CANCELLED while running; no result stored";
            outcomeCode = JobState.CANCELLED.name();
        } catch (JobFailure e) {
            terminal = failed(job, context, e.code(), e.getMessage());
            summary = "FAILED " + e.code() + ": " + e.getMessage();
            outcomeCode = e.code().name();
        } catch (RuntimeException e) {
            if (context.abandoning()) {
                throw new JobAbandoned("worker stopped");
            }
            LOG.log(Level.ERROR, "job " + job.jobId() + " failed unexpectedly", e);
            terminal = failed(job, context, ErrorCode.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage());
            summary = "FAILED INTERNAL: " + e;
            outcomeCode = ErrorCode.INTERNAL.name();
        }
        long nanos = System.nanoTime() - started;
        metrics.job(job.model(), outcomeCode, nanos);
        LOG.log(Level.INFO, "job {0} tenant={1} task={2} model={3} {4} in {5} ms", job.jobId(), job.tenant(),
                job.task(), job.model(), summary, nanos / 1_000_000);
        return JobResult.terminal(terminal);
    }

    /** The loop has ended: the model sessions are released. */
    @Override
    public void stopped() {
        sessions.close();
    }

    /**
     * Throws {@link JobCancelled} once a cancel of the job has been read, and abandons the job once a
     * stop's grace has passed: both are asked at the job's stage boundaries.
     */
    private static CancelCheck cancelCheck(InferJobRequested job, JobContext context) {
        return () -> {
            context.abandonIfStopped();
            if (context.cancelRequested()) {
                throw new JobCancelled("cancelled while running (" + Topics.CANCELS + "); stopped before "
                        + "storing a result");
            }
        };
    }

    private static JobEvent event(InferJobRequested job, JobContext context, JobState state) {
        return JobEvent.of(job.jobId(), job.tenant(), JobKind.INFER, state, context.workerId());
    }

    private static JobEvent failed(InferJobRequested job, JobContext context, ErrorCode code, String message) {
        String m = message == null ? code.name() : message;
        if (m.length() > MAX_ERROR_MESSAGE_CHARS) {
            m = m.substring(0, MAX_ERROR_MESSAGE_CHARS) + "...";
        }
        return event(job, context, JobState.FAILED).withError(code.name(), m);
    }
}
