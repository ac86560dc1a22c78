package dev.stylefleet.gateway.jobs;

import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.JobEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every job the gateway knows of, in memory, materialised from Kafka by {@link JobStateConsumer} and
 * from the gateway's own submissions. Folding is idempotent and order-tolerant (see {@link Job#on}),
 * so the same event applied twice, or the local copy and the consumed copy of one event, are harmless.
 */
@ApplicationScoped
public class JobStore {
    private final ConcurrentMap<String, Job> jobs = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;

    public Job apply(JobEvent e) {
        return jobs.compute(e.jobId(), (id, job) -> job == null ? Job.from(e) : job.on(e));
    }

    public Job apply(InferJobRequested r) {
        return jobs.compute(r.jobId(), (id, job) -> job == null ? Job.from(r) : job.describedBy(r));
    }

    /** The job, if it exists and belongs to the tenant: another tenant's job is simply not there. */
    public Optional<Job> find(String tenant, String jobId) {
        Job job = jobs.get(jobId);
        return job != null && job.tenant().equals(tenant) ? Optional.of(job) : Optional.empty();
    }

    public int size() {
        return jobs.size();
    }

    /**
     * True once the consumer has read up to the end offsets that existed when it started: from then on
     * a job that is not here does not exist (as opposed to: has not been read yet).
     */
    public boolean caughtUp() {
        return caughtUp;
    }

    void markCaughtUp() {
        caughtUp = true;
    }
}
