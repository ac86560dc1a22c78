package dev.stylefleet.runtime;

import dev.stylefleet.schemas.InvalidMessageException;
import dev.stylefleet.schemas.JobKind;

/**
 * A worker's job logic, all that it plugs into the {@link WorkerRuntime}: which topic holds its jobs,
 * how a record becomes a job, and how a job runs to its end. Everything around it (group membership,
 * fetching, pausing, commits, dead letters, cancels, RUNNING and terminal events, stop) is the runtime's.
 *
 * @param <J> the decoded job request
 */
public interface JobHandler<J> {
    /** Short name: client ids ({@code NAME-WORKERID}), thread names, and dead letters' {@code worker-NAME}. */
    String name();

    /** The job topic the group consumes. */
    String topic();

    JobKind kind();

    /** The job in a record's value; an invalid one is dead-lettered and committed past. */
    J decode(byte[] value) throws InvalidMessageException;

    String jobId(J job);

    String tenant(J job);

    /**
     * Whether the runtime publishes a bare RUNNING event (no progress) when it takes a job. Inference says
     * so at once; training's first progress event says RUNNING with the step it resumed from.
     */
    default boolean publishesRunningWhenTaken() {
        return true;
    }

    /**
     * Runs one job to its end, on a job thread of the runtime. Expected failures end in a FAILED event;
     * an exception that escapes is a bug and dead-letters the record (unless the worker is stopping, when
     * the job is abandoned). Throwing {@link JobAbandoned} or returning {@link JobResult#leaveUncommitted}
     * leaves the job for redelivery.
     */
    JobResult run(J job, JobContext context);

    /** The consumer loop has ended (stopped or died): release what the job logic holds. */
    default void stopped() {}
}
