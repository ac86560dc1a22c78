package dev.stylefleet.gateway.jobs;

import dev.stylefleet.gateway.api.ApiException;
import dev.stylefleet.gateway.api.ErrorCode;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.storage.ObjectStore;
import dev.stylefleet.schemas.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Turns a validated {@link Submission} into an accepted job: input stored, QUEUED published, then the
 * request published. QUEUED goes first (same key, same partition of the events topic as every later
 * event of the job) so that no worker's RUNNING can precede it. Once QUEUED may be on the topic the job
 * counts as accepted, so any failure after that point publishes FAILED (ENQUEUE_FAILED): an accepted
 * job always ends in a terminal state.
 */
@ApplicationScoped
public class JobSubmitter {
    private static final Logger LOG = Logger.getLogger(JobSubmitter.class);
    /** The {@code worker} field of events the gateway itself publishes. */
    static final String SOURCE = "api-gateway";

    private final ObjectStore store;
    private final JobPublisher publisher;
    private final JobStore jobs;

    @Inject
    public JobSubmitter(ObjectStore store, JobPublisher publisher, JobStore jobs) {
        this.store = store;
        this.publisher = publisher;
        this.jobs = jobs;
    }

    public Job submit(Submission s) {
        String jobId = JobIds.next();
        String inputKey = ObjectKeys.input(s.tenant(), jobId);
        try {
            store.put(Buckets.DATA, inputKey, s.image(), s.header().type().contentType());
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null,
                    "the object store cannot be reached; nothing was accepted, retry later", e);
        }
        Instant now = Instant.now();
        JobEvent queued = new JobEvent(Messages.SCHEMA_VERSION, jobId, s.tenant(), JobKind.INFER, JobState.QUEUED,
                now, SOURCE, null, null, null);
        InferJobRequested request = new InferJobRequested(Messages.SCHEMA_VERSION, jobId, s.tenant(), s.task(),
                s.model(), inputKey, s.outputFormat(), InferOptions.defaults(), now);
        try {
            publisher.publish(queued);
            // Recorded at once, so that a GET right after the 202 finds the job even before the
            // consumer has read the event back.
            jobs.apply(queued);
            jobs.apply(request);
            publisher.publish(request);
        } catch (JobPublisher.EnqueueException e) {
            fail(queued, e);
            throw new ApiException(ErrorCode.ENQUEUE_FAILED, null, "job " + jobId
                    + " could not be queued and was marked FAILED; nothing will run, retry later", e);
        }
        return jobs.find(s.tenant(), jobId).orElseThrow();
    }

    private void fail(JobEvent queued, Exception cause) {
        JobEvent failed = new JobEvent(Messages.SCHEMA_VERSION, queued.jobId(), queued.tenant(), queued.kind(),
                JobState.FAILED, Instant.now(), SOURCE, null, null, null)
                .withError(ErrorCode.ENQUEUE_FAILED.name(), "the job could not be handed to the workers: " + cause.getMessage());
        jobs.apply(failed);
        try {
            // Even when QUEUED itself failed it may have reached the broker; FAILED then closes it.
            publisher.publish(failed);
        } catch (JobPublisher.EnqueueException again) {
            LOG.errorf(again, "job %s: could not publish FAILED after an enqueue failure; "
                    + "the job stays open on the topic if its QUEUED was written", queued.jobId());
        }
    }
}
