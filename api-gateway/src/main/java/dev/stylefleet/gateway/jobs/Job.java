package dev.stylefleet.gateway.jobs;

import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import java.time.Instant;

/**
 * What the gateway knows about one job: the fold of its {@link JobEvent}s (state, result, error) and
 * its request (task, model, format). Immutable; {@link #on} and {@link #describedBy} return the next
 * value. The state only moves forward (QUEUED, RUNNING, then one terminal state) and never leaves a
 * terminal state, so redelivered, duplicated or late events cannot undo an outcome.
 *
 * @param task   null until the request has been seen (events do not carry it)
 * @param output set once SUCCEEDED
 * @param failure set once FAILED (or CANCELLED with a reason)
 */
public record Job(
        String id,
        String tenant,
        JobKind kind,
        JobState state,
        String task,
        String model,
        String outputFormat,
        Instant createdAt,
        Instant updatedAt,
        Output output,
        Failure failure) {

    /** The result object of a succeeded job, in the data bucket. */
    public record Output(String key, String contentType, Integer width, Integer height) {}

    /** Why a job failed: the stable code and the human message from the event. */
    public record Failure(String code, String message) {}

    /** A job first learnt of through an event. */
    public static Job from(JobEvent e) {
        return new Job(e.jobId(), e.tenant(), e.kind(), e.state(), null, null, null, e.at(), e.at(),
                output(e), failure(e));
    }

    /**
     * A job first learnt of through its request. The gateway publishes the request only after QUEUED
     * was acknowledged, so the job is at least QUEUED even if that event has not been read yet.
     */
    public static Job from(InferJobRequested r) {
        return new Job(r.jobId(), r.tenant(), JobKind.INFER, JobState.QUEUED, r.task(), r.model(),
                r.outputFormat(), r.requestedAt(), r.requestedAt(), null, null);
    }

    /** This job after the event, or this job unchanged when the event is stale or not its own. */
    public Job on(JobEvent e) {
        if (!tenant.equals(e.tenant()) || !accepts(e.state(), e.at())) {
            return this;
        }
        Instant updated = e.at().isAfter(updatedAt) ? e.at() : updatedAt;
        Instant created = e.state() == JobState.QUEUED && e.at().isBefore(createdAt) ? e.at() : createdAt;
        return new Job(id, tenant, kind, e.state(), task, model, outputFormat, created, updated,
                output(e), failure(e));
    }

    /** Adds what only the request carries; never changes the state. */
    public Job describedBy(InferJobRequested r) {
        if (!tenant.equals(r.tenant())) {
            return this;
        }
        Instant created = r.requestedAt().isBefore(createdAt) ? r.requestedAt() : createdAt;
        return new Job(id, tenant, kind, state, r.task(), r.model(), r.outputFormat(), created, updatedAt,
                output, failure);
    }

    private boolean accepts(JobState next, Instant at) {
        if (state.terminal()) {
            return false;
        }
        int from = rank(state);
        int to = rank(next);
        if (to != from) {
            return to > from;
        }
        // Same non-terminal state: a progress report, taken unless it is older than what we have.
        return next == JobState.RUNNING && !at.isBefore(updatedAt);
    }

    private static int rank(JobState s) {
        return switch (s) {
            case QUEUED -> 0;
            case RUNNING -> 1;
            case SUCCEEDED, FAILED, CANCELLED -> 2;
        };
    }

    private static Output output(JobEvent e) {
        JobEvent.Result r = e.result();
        return e.state() == JobState.SUCCEEDED && r != null
                ? new Output(r.key(), r.contentType(), r.width(), r.height())
                : null;
    }

    private static Failure failure(JobEvent e) {
        JobEvent.Error err = e.error();
        return err == null ? null : new Failure(err.code(), err.message());
    }
}
