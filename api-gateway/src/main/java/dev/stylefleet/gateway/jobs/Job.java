package dev.stylefleet.gateway.jobs;

import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobRecord;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.TrainJobRequested;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * What the gateway knows about one job: the fold of its {@link JobEvent}s (state, result, error,
 * progress, loss history), its request, its callback deliveries, and any {@link JobRecord} snapshots
 * of it. Immutable; every method returns the next value.
 *
 * <p>Every operation is a merge that only moves forward: the state never goes back (QUEUED, RUNNING,
 * then one terminal state), histories and delivery lists are unions, the request is set once. So
 * redelivered, duplicated or late messages cannot undo anything, and the order in which the topics
 * are read does not matter — with one exception that makes compaction safe: a terminal state taken
 * from a record overrides a terminal state taken from a raw event. Records are written from the fold
 * of the job's events in partition order; after compaction a late contradictory event (a worker's
 * SUCCEEDED after the gateway's CANCELLED) may be the only event left, and the record must win.
 *
 * @param stateAt     when the current state was reached
 * @param request     null until the request (or a record carrying it) has been seen
 * @param fromRecord  the terminal state came from a record (see above)
 */
public record Job(
        String id,
        String tenant,
        JobKind kind,
        JobState state,
        Instant createdAt,
        Instant updatedAt,
        Instant stateAt,
        JobRecord.Request request,
        JobEvent.Progress progress,
        List<JobRecord.LossPoint> lossHistory,
        JobEvent.Result result,
        JobEvent.Error error,
        List<JobRecord.CallbackAttempt> callbacks,
        boolean fromRecord) {

    public Job {
        lossHistory = lossHistory == null ? List.of() : List.copyOf(lossHistory);
        callbacks = callbacks == null ? List.of() : List.copyOf(callbacks);
    }

    /** The result object of a succeeded job, in the data bucket. */
    public record Output(String key, String contentType, Integer width, Integer height) {}

    /** Why a job failed: the stable code and the human message from the event. */
    public record Failure(String code, String message) {}

    public String task() {
        return request == null ? null : request.task();
    }

    public String model() {
        return request == null ? null : request.model();
    }

    public String outputFormat() {
        return request == null ? null : request.outputFormat();
    }

    /** Set once SUCCEEDED with a result object (inference); null otherwise. */
    public Output output() {
        return state == JobState.SUCCEEDED && result != null && result.key() != null
                ? new Output(result.key(), result.contentType(), result.width(), result.height())
                : null;
    }

    public Failure failure() {
        return error == null ? null : new Failure(error.code(), error.message());
    }

    /** A job first learnt of through an event. */
    public static Job from(JobEvent e) {
        return new Job(e.jobId(), e.tenant(), e.kind(), JobState.QUEUED, e.at(), e.at(), e.at(), null, null,
                List.of(), null, null, List.of(), false).on(e);
    }

    /**
     * A job first learnt of through its request (its QUEUED event, sent alongside, not read yet). The
     * gateway publishes the request only together with QUEUED, so the job is at least QUEUED.
     */
    public static Job from(InferJobRequested r) {
        return new Job(r.jobId(), r.tenant(), JobKind.INFER, JobState.QUEUED, r.requestedAt(), r.requestedAt(),
                r.requestedAt(), request(r), null, List.of(), null, null, List.of(), false);
    }

    public static Job from(TrainJobRequested r) {
        return new Job(r.jobId(), r.tenant(), JobKind.TRAIN, JobState.QUEUED, r.requestedAt(), r.requestedAt(),
                r.requestedAt(), request(r), null, List.of(), null, null, List.of(), false);
    }

    public static Job from(JobRecord r) {
        return new Job(r.jobId(), r.tenant(), r.kind(), r.state(), r.createdAt(), r.updatedAt(),
                r.stateAt() == null ? r.updatedAt() : r.stateAt(), r.request(), r.progress(), r.lossHistory(),
                r.result(), r.error(), r.callbacks(), r.state().terminal());
    }

    /** This job after the event, or this job unchanged when the event is stale or not its own. */
    public Job on(JobEvent e) {
        if (!tenant.equals(e.tenant())) {
            return this;
        }
        Job next = this;
        if (e.request() != null) {
            // The gateway's QUEUED carries the submission: describes the job, whatever its state now.
            next = next.describedBy(e.tenant(), e.at(), e.request());
        }
        if (e.progress() != null) {
            next = next.withProgress(e.progress());
        }
        if (accepts(e.state(), e.at())) {
            next = next.withState(e);
        }
        return next;
    }

    private Job withState(JobEvent e) {
        Instant updated = e.at().isAfter(updatedAt) ? e.at() : updatedAt;
        Instant created = e.state() == JobState.QUEUED && e.at().isBefore(createdAt) ? e.at() : createdAt;
        boolean changes = e.state() != state;
        JobEvent.Result r = e.state() == JobState.SUCCEEDED ? e.result() : result;
        JobEvent.Error err = e.error() != null ? e.error() : error;
        return new Job(id, tenant, kind, e.state(), created, updated, changes ? e.at() : stateAt, request,
                progress, lossHistory, r, err, callbacks, false);
    }

    /** Adds what only the request carries; never changes the state. */
    public Job describedBy(InferJobRequested r) {
        return describedBy(r.tenant(), r.requestedAt(), request(r));
    }

    public Job describedBy(TrainJobRequested r) {
        return describedBy(r.tenant(), r.requestedAt(), request(r));
    }

    private Job describedBy(String owner, Instant requestedAt, JobRecord.Request req) {
        if (!tenant.equals(owner)) {
            return this;
        }
        Instant created = requestedAt.isBefore(createdAt) ? requestedAt : createdAt;
        return new Job(id, tenant, kind, state, created, updatedAt, stateAt, merge(request, req), progress,
                lossHistory, result, error, callbacks, fromRecord);
    }

    /** Merges a snapshot of this job (see the class comment for the one non-monotonic rule). */
    public Job merge(JobRecord r) {
        if (!tenant.equals(r.tenant()) || !id.equals(r.jobId())) {
            return this;
        }
        Job other = from(r);
        boolean takeState = rank(other.state) > rank(state)
                || (other.state.terminal() && state.terminal() && !fromRecord && other.state != state)
                || (other.state.terminal() && state == other.state && !fromRecord);
        Job next = new Job(id, tenant, kind,
                takeState ? other.state : state,
                other.createdAt.isBefore(createdAt) ? other.createdAt : createdAt,
                other.updatedAt.isAfter(updatedAt) ? other.updatedAt : updatedAt,
                takeState ? other.stateAt : stateAt,
                merge(request, other.request),
                laterProgress(progress, other.progress),
                unionLosses(lossHistory, other.lossHistory),
                takeState ? other.result : result,
                takeState ? other.error : error,
                unionAttempts(callbacks, other.callbacks),
                takeState ? other.fromRecord : fromRecord);
        return next.equals(this) ? this : next;
    }

    /** This job with one more callback attempt recorded. */
    public Job withAttempt(JobRecord.CallbackAttempt a) {
        List<JobRecord.CallbackAttempt> all = unionAttempts(callbacks, List.of(a));
        return all.equals(callbacks) ? this : new Job(id, tenant, kind, state, createdAt, updatedAt, stateAt,
                request, progress, lossHistory, result, error, all, fromRecord);
    }

    /**
     * Keeps the newest {@code maxLosses} loss points and {@code maxAttempts} callback attempts, so that a
     * record stays far below Kafka's message size however long a job trains or a receiver fails.
     */
    public Job trimmed(int maxLosses, int maxAttempts) {
        if (lossHistory.size() <= maxLosses && callbacks.size() <= maxAttempts) {
            return this;
        }
        return new Job(id, tenant, kind, state, createdAt, updatedAt, stateAt, request, progress,
                lossHistory.subList(Math.max(0, lossHistory.size() - maxLosses), lossHistory.size()), result, error,
                callbacks.subList(Math.max(0, callbacks.size() - maxAttempts), callbacks.size()), fromRecord);
    }

    public JobRecord toRecord() {
        return new JobRecord(Messages.SCHEMA_VERSION, id, tenant, kind, state, createdAt, updatedAt, stateAt,
                request, progress, lossHistory.isEmpty() ? null : lossHistory, result, error,
                callbacks.isEmpty() ? null : callbacks);
    }

    private Job withProgress(JobEvent.Progress p) {
        JobEvent.Progress latest = laterProgress(progress, p);
        List<JobRecord.LossPoint> losses = p.losses() == null || p.losses().isEmpty() ? lossHistory
                : unionLosses(lossHistory, List.of(new JobRecord.LossPoint(p.step(), p.losses())));
        if (latest == progress && losses.equals(lossHistory)) {
            return this;
        }
        return new Job(id, tenant, kind, state, createdAt, updatedAt, stateAt, request, latest, losses, result,
                error, callbacks, fromRecord);
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

    static int rank(JobState s) {
        return switch (s) {
            case QUEUED -> 0;
            case RUNNING -> 1;
            case SUCCEEDED, FAILED, CANCELLED -> 2;
        };
    }

    private static JobEvent.Progress laterProgress(JobEvent.Progress a, JobEvent.Progress b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.step() > a.step() ? b : a;
    }

    private static List<JobRecord.LossPoint> unionLosses(List<JobRecord.LossPoint> a, List<JobRecord.LossPoint> b) {
        if (b.isEmpty()) {
            return a;
        }
        TreeMap<Long, JobRecord.LossPoint> byStep = new TreeMap<>();
        a.forEach(p -> byStep.put(p.step(), p));
        b.forEach(p -> byStep.putIfAbsent(p.step(), p));
        return byStep.size() == a.size() ? a : List.copyOf(byStep.values());
    }

    private static List<JobRecord.CallbackAttempt> unionAttempts(List<JobRecord.CallbackAttempt> a,
            List<JobRecord.CallbackAttempt> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<JobRecord.CallbackAttempt> all = new ArrayList<>(a);
        for (JobRecord.CallbackAttempt x : b) {
            if (all.stream().noneMatch(y -> y.deliveryId().equals(x.deliveryId()) && y.attempt() == x.attempt())) {
                all.add(x);
            }
        }
        if (all.size() == a.size()) {
            return a;
        }
        all.sort(Comparator.comparing(JobRecord.CallbackAttempt::at).thenComparing(JobRecord.CallbackAttempt::attempt));
        return all;
    }

    private static JobRecord.Request merge(JobRecord.Request ours, JobRecord.Request theirs) {
        if (ours == null) {
            return theirs;
        }
        if (theirs == null || ours.equals(theirs)) {
            return ours;
        }
        return new JobRecord.Request(
                first(ours.task(), theirs.task()), first(ours.model(), theirs.model()),
                first(ours.outputFormat(), theirs.outputFormat()), first(ours.options(), theirs.options()),
                first(ours.callbackUrl(), theirs.callbackUrl()), first(ours.callbackProgress(), theirs.callbackProgress()),
                first(ours.idempotencyKey(), theirs.idempotencyKey()), first(ours.requestHash(), theirs.requestHash()),
                first(ours.styleName(), theirs.styleName()), first(ours.datasetName(), theirs.datasetName()),
                first(ours.modelId(), theirs.modelId()), first(ours.inputKey(), theirs.inputKey()));
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    private static JobRecord.Request request(InferJobRequested r) {
        return new JobRecord.Request(r.task(), r.model(), r.outputFormat(), r.options(), null, null, null, null,
                null, null, null, r.inputKey());
    }

    private static JobRecord.Request request(TrainJobRequested r) {
        return new JobRecord.Request(r.task(), null, null, null, null, null, null, null, null, null, r.modelId(),
                r.styleImageKey());
    }
}
