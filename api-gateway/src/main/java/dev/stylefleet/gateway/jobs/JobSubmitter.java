package dev.stylefleet.gateway.jobs;

import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.timing.ServerTiming;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.CancelRequested;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobRecord;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.TrainJobRequested;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.platform.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Turns a validated submission into an accepted job: input stored (unless it travels inline; a presigned
 * upload is copied inside the object store, its bytes never pass through the gateway), then
 * QUEUED and the request published together and acknowledged together: one round trip to Kafka. QUEUED
 * carries what only the submission knows (task, model, callback, idempotency key), so the replica that
 * owns the job's events partition folds the whole job from it and writes the job's first record (see
 * {@link JobRecorder}); nothing has to be written and acknowledged before it. Once anything may be on
 * a topic the job counts as accepted, so any failure after that point publishes FAILED
 * (ENQUEUE_FAILED): an accepted job always ends in a terminal state.
 *
 * <p>Cancelling: see {@link #cancel}.
 */
@ApplicationScoped
public class JobSubmitter {
    private static final Logger LOG = Logger.getLogger(JobSubmitter.class);
    /** The {@code worker} field of events the gateway itself publishes. */
    public static final String SOURCE = "api-gateway";
    /** The bound of {@code inputBytes} in the InferJobRequested schema. */
    public static final int MAX_INLINE_INPUT_BYTES = 1 << 20;

    private final ObjectStore store;
    private final JobPublisher publisher;
    private final JobStore jobs;
    private final int inlineInputMaxBytes;
    private final EnqueueBreaker kafka;

    @Inject
    public JobSubmitter(ObjectStore store, JobPublisher publisher, JobStore jobs, GatewayConfig config) {
        this(store, publisher, jobs, config.api().inlineInputMaxBytes(), config.api().retryAfter());
    }

    /**
     * @param kafkaDownFor how long submissions are refused at once (503 ENQUEUE_FAILED, nothing accepted)
     *                     after Kafka did not take one ({@link EnqueueBreaker}); the gateway uses
     *                     {@code stylefleet.api.retry-after}, the wait its 503s tell clients
     */
    public JobSubmitter(ObjectStore store, JobPublisher publisher, JobStore jobs, int inlineInputMaxBytes,
            java.time.Duration kafkaDownFor) {
        if (inlineInputMaxBytes < 0 || inlineInputMaxBytes > MAX_INLINE_INPUT_BYTES) {
            throw new IllegalArgumentException("stylefleet.api.inline-input-max-bytes must be 0 to "
                    + MAX_INLINE_INPUT_BYTES + ", was " + inlineInputMaxBytes);
        }
        this.store = store;
        this.publisher = publisher;
        this.jobs = jobs;
        this.inlineInputMaxBytes = inlineInputMaxBytes;
        this.kafka = new EnqueueBreaker(kafkaDownFor, java.time.Clock.systemUTC());
    }

    public Job submit(Submission s) {
        return submit(s, new ServerTiming());
    }

    /**
     * Accepts an inference job. An input of at most {@code stylefleet.api.inline-input-max-bytes} travels
     * inside the request message and is not stored; a larger one is stored under its input key first. A
     * presigned upload, whatever its size, is copied to its input key by the store itself (S3 CopyObject),
     * provided it is still the object that was checked (same ETag). {@code timing} gets the stages store
     * and enqueue.
     */
    public Job submit(Submission s, ServerTiming timing) {
        return whileKafkaTakesJobs(() -> submitInfer(s, timing));
    }

    private Job submitInfer(Submission s, ServerTiming timing) {
        String jobId = JobIds.forSubmission(s.tenant(), s.idempotency(), jobs.retention());
        boolean inline = s.image() != null && s.image().length <= inlineInputMaxBytes;
        String inputKey = inline ? null : ObjectKeys.input(s.tenant(), jobId);
        if (s.upload() != null) {
            copy(s.upload(), inputKey);
        } else if (!inline) {
            put(inputKey, s.image(), s.header().type().contentType());
        }
        timing.lap("store");
        Instant now = Instant.now();
        JobRecord.Request request = new JobRecord.Request(s.task(), s.model(), s.outputFormat(), s.options(),
                s.callback() == null ? null : s.callback().url(), s.callback() == null ? null : s.callback().progress(),
                s.idempotency() == null ? null : s.idempotency().key(),
                s.idempotency() == null ? null : s.idempotency().requestHash(), null, null, null, inputKey);
        InferJobRequested message = new InferJobRequested(Messages.SCHEMA_VERSION, jobId, s.tenant(), s.task(),
                s.model(), inputKey, s.outputFormat(), s.options(), now, inline ? s.image() : null);
        return enqueue(jobId, s.tenant(), JobKind.INFER, now, request, timing, () -> {
            jobs.apply(message);
            return publisher.sendAsync(message);
        });
    }

    public Job submit(TrainSubmission s) {
        return whileKafkaTakesJobs(() -> submitTrain(s));
    }

    private Job submitTrain(TrainSubmission s) {
        String jobId = JobIds.forSubmission(s.tenant(), s.idempotency(), jobs.retention());
        String prefix = ObjectKeys.style(s.tenant(), s.styleId());
        String styleKey = prefix + "style." + s.header().type().name().toLowerCase(java.util.Locale.ROOT);
        put(styleKey, s.styleImage(), s.header().type().contentType());
        put(prefix + "thumbnail.png", s.thumbnail(), "image/png");
        Instant now = Instant.now();
        JobRecord.Request request = new JobRecord.Request(TrainJobRequested.TASK_STYLE, null, null, null,
                s.callback() == null ? null : s.callback().url(), s.callback() == null ? null : s.callback().progress(),
                s.idempotency() == null ? null : s.idempotency().key(),
                s.idempotency() == null ? null : s.idempotency().requestHash(), s.name(), s.dataset(), s.styleId(),
                styleKey);
        TrainJobRequested message = new TrainJobRequested(Messages.SCHEMA_VERSION, jobId, s.tenant(),
                TrainJobRequested.TASK_STYLE, styleKey, ObjectKeys.dataset(s.tenant(), s.dataset()), s.styleId(),
                s.params(), now);
        return enqueue(jobId, s.tenant(), JobKind.TRAIN, now, request, new ServerTiming(), () -> {
            jobs.apply(message);
            return publisher.sendAsync(message);
        });
    }

    /**
     * Accepts a super-resolution training job: nothing to store (the dataset is already in place), so only
     * QUEUED and the TrainJobRequested (task {@code super-resolve}, no style image).
     */
    public Job submit(UpscalerSubmission s) {
        return whileKafkaTakesJobs(() -> submitUpscaler(s));
    }

    private Job submitUpscaler(UpscalerSubmission s) {
        String jobId = JobIds.forSubmission(s.tenant(), s.idempotency(), jobs.retention());
        Instant now = Instant.now();
        JobRecord.Request request = new JobRecord.Request(TrainJobRequested.TASK_SUPER_RESOLVE, null, null, null,
                s.callback() == null ? null : s.callback().url(), s.callback() == null ? null : s.callback().progress(),
                s.idempotency() == null ? null : s.idempotency().key(),
                s.idempotency() == null ? null : s.idempotency().requestHash(), null, s.dataset(), s.modelId(), null);
        TrainJobRequested message = new TrainJobRequested(Messages.SCHEMA_VERSION, jobId, s.tenant(),
                TrainJobRequested.TASK_SUPER_RESOLVE, null, ObjectKeys.dataset(s.tenant(), s.dataset()), s.modelId(),
                s.params(), now);
        return enqueue(jobId, s.tenant(), JobKind.TRAIN, now, request, new ServerTiming(), () -> {
            jobs.apply(message);
            return publisher.sendAsync(message);
        });
    }

    /**
     * Asks for a job to stop. CancelRequested goes to the workers in every case: the training worker
     * stops within a step, and ends a job it has not started yet CANCELLED when it reaches it; the
     * inference worker skips a cancelled job it polls later and stops a running one at its next stage
     * boundary (between tiles, before the upload), writing no result. For an inference job the gateway
     * also decides itself and publishes CANCELLED on the job's events partition at once, so that the
     * answer does not wait for a worker to reach a job queued behind many others. The partition order
     * settles any race with the worker: whichever terminal event comes first in the partition is the
     * outcome for every reader, and later ones are ignored.
     */
    public void cancel(Job job) {
        if (job.state().terminal()) {
            throw new ApiException(ErrorCode.JOB_ALREADY_FINISHED, "id", "id: job " + job.id() + " is already "
                    + job.state() + "; only QUEUED or RUNNING jobs can be cancelled");
        }
        Instant now = Instant.now();
        try {
            publisher.publish(new CancelRequested(Messages.SCHEMA_VERSION, job.id(), job.tenant(), now));
            if (job.kind() == JobKind.INFER) {
                publisher.publish(new JobEvent(Messages.SCHEMA_VERSION, job.id(), job.tenant(), job.kind(),
                        JobState.CANCELLED, now, SOURCE, null, null, null)
                        .withError("CANCELLED", "cancelled by the client (DELETE /v1/jobs/" + job.id() + ")"));
            }
        } catch (JobPublisher.EnqueueException e) {
            throw new ApiException(ErrorCode.ENQUEUE_FAILED, null, "the cancel request for job " + job.id()
                    + " could not be handed to Kafka; the job continues, retry later", e);
        }
        LOG.infof("job %s: cancel requested", job.id());
    }

    /**
     * Refuses a submission at once, before anything is stored, while Kafka is known not to take jobs
     * ({@link EnqueueBreaker}): a client gets a quick 503 instead of waiting out the enqueue timeout.
     */
    private Job whileKafkaTakesJobs(java.util.function.Supplier<Job> submission) {
        EnqueueBreaker.Permit permit = kafka.tryAcquire();
        if (permit == EnqueueBreaker.Permit.REFUSED) {
            throw new ApiException(ErrorCode.ENQUEUE_FAILED, null, "Kafka did not take the last submission; "
                    + "nothing was accepted, retry later");
        }
        try {
            return submission.get();
        } finally {
            kafka.release(permit);
        }
    }

    private interface Publish {
        java.util.concurrent.Future<?> send() throws JobPublisher.EnqueueException;
    }

    private Job enqueue(String jobId, String tenant, JobKind kind, Instant now, JobRecord.Request request,
            ServerTiming timing, Publish publishRequest) {
        JobEvent queued = new JobEvent(Messages.SCHEMA_VERSION, jobId, tenant, kind, JobState.QUEUED, now, SOURCE,
                null, null, null, request);
        MDC.put("jobId", jobId);
        try {
            // Folded here at once, so that a GET right after the 202 finds the job even before the
            // consumer has read anything back.
            jobs.apply(queued);
            // QUEUED and the request travel together (one round trip instead of two). QUEUED is handed to
            // the producer first; should a worker's RUNNING still reach the events partition before it,
            // the fold ignores the older state, so the order is a convenience, not a requirement.
            java.util.concurrent.Future<?> queuedSent = publisher.sendAsync(queued);
            java.util.concurrent.Future<?> requestSent = publishRequest.send();
            publisher.await(java.util.List.of(queuedSent, requestSent));
            kafka.success();
            timing.lap("enqueue");
            LOG.infof("job %s: accepted (%s %s)", jobId, kind, request.task());
        } catch (JobPublisher.EnqueueException e) {
            kafka.failure();
            fail(queued, e);
            throw new ApiException(ErrorCode.ENQUEUE_FAILED, null, "job " + jobId
                    + " could not be queued and was marked FAILED; nothing will run, retry later", e);
        } finally {
            MDC.remove("jobId");
        }
        return jobs.find(tenant, jobId).orElseThrow();
    }

    private void put(String key, byte[] bytes, String contentType) {
        try {
            store.put(Buckets.DATA, key, bytes, contentType);
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null,
                    "the object store cannot be reached; nothing was accepted, retry later", e);
        }
    }

    private void copy(Submission.Upload upload, String inputKey) {
        boolean copied;
        try {
            copied = store.copyIfUnchanged(Buckets.DATA, upload.key(), upload.etag(), inputKey);
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null,
                    "the object store cannot be reached; nothing was accepted, retry later", e);
        }
        if (!copied) {
            throw new ApiException(ErrorCode.UNKNOWN_UPLOAD, "uploadId", "uploadId: the upload was removed or "
                    + "written again while it was being checked; submit again");
        }
    }

    private void fail(JobEvent queued, Exception cause) {
        JobEvent failed = new JobEvent(Messages.SCHEMA_VERSION, queued.jobId(), queued.tenant(), queued.kind(),
                JobState.FAILED, Instant.now(), SOURCE, null, null, null, queued.request())
                .withError(ErrorCode.ENQUEUE_FAILED.name(), "the job could not be handed to the workers: " + cause.getMessage());
        jobs.apply(failed);
        // Even when QUEUED itself failed it may have reached the broker; FAILED then closes it. Not
        // awaited: the answer (503 ENQUEUE_FAILED) is due after one enqueue timeout, not two.
        publisher.sendAndForget(failed, again -> LOG.errorf(again, "job %s: could not publish FAILED after an "
                + "enqueue failure; the job stays open on the topic if its QUEUED was written", queued.jobId()));
    }
}
