package dev.stylefleet.gateway.jobs;

import dev.stylefleet.schemas.JobRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Writes a job's current snapshot from the {@link JobStore} to the records topic. Snapshot and send
 * happen under a per-job lock, so the records of one job reach the (idempotent, ordered) producer in
 * the order their snapshots were taken: the last record of a job is always its fullest one, which is
 * what compaction keeps. The acknowledgement is awaited outside the lock.
 */
@ApplicationScoped
public class JobRecordWriter {
    /** Lock stripes: enough to make contention between jobs unlikely, bounded memory. */
    private static final int STRIPES = 64;

    private final JobStore store;
    private final JobPublisher publisher;
    private final Object[] locks = new Object[STRIPES];

    @Inject
    public JobRecordWriter(JobStore store, JobPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Writes the snapshot of one job and waits for the broker. */
    public void write(String jobId) throws JobPublisher.EnqueueException {
        writeAll(List.of(jobId));
    }

    /** Writes the snapshots of several jobs, all sends first, then all acknowledgements. */
    public void writeAll(Collection<String> jobIds) throws JobPublisher.EnqueueException {
        List<Future<?>> pending = new ArrayList<>();
        for (String id : jobIds) {
            synchronized (locks[Math.floorMod(id.hashCode(), STRIPES)]) {
                Job job = store.get(id).orElse(null);
                if (job == null) {
                    continue;
                }
                JobRecord record = job.toRecord();
                pending.add(publisher.sendRecord(record));
            }
        }
        publisher.await(pending);
    }
}
