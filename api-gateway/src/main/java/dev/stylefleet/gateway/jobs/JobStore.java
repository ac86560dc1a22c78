package dev.stylefleet.gateway.jobs;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobRecord;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.TrainJobRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Every job the gateway knows of, in memory, materialised from Kafka by {@link JobStateConsumer} and
 * from the gateway's own submissions. Folding is idempotent and order-tolerant (see {@link Job}), so
 * the same message applied twice, or the local copy and the consumed copy of one message, are harmless.
 * Watchers (server-sent events, metrics, the recorder) are told of every change.
 *
 * <p>Jobs leave the store through {@link #forget}: when the owner removes an ended job after
 * job-retention ({@link JobRetention}) and when a tombstone of a job is read. A request message never
 * brings back a job older than job-retention (see {@link #apply(InferJobRequested)}).
 */
@ApplicationScoped
public class JobStore {
    /** Used when constructed outside CDI (tests): the documented defaults of max-loss-points and max-callback-attempts. */
    static final int DEFAULT_MAX_LOSS_POINTS = 1000;
    static final int DEFAULT_MAX_CALLBACK_ATTEMPTS = 200;
    /** Used when constructed outside CDI (tests): the documented default of stylefleet.api.job-retention. */
    static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private final ConcurrentMap<String, Job> jobs = new ConcurrentHashMap<>();
    /** Tenant and key to the ids of the jobs submitted with them: normally one (see findByIdempotencyKey). */
    private final ConcurrentMap<String, Set<String>> byIdempotencyKey = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<Consumer<Job>>> watchers = new ConcurrentHashMap<>();
    private final List<BiConsumer<Job, Job>> listeners = new CopyOnWriteArrayList<>();
    private final int maxLossPoints;
    private final int maxCallbackAttempts;
    private final Duration retention;
    private volatile boolean caughtUp;

    public JobStore() {
        this(DEFAULT_MAX_LOSS_POINTS, DEFAULT_MAX_CALLBACK_ATTEMPTS, DEFAULT_RETENTION);
    }

    @Inject
    public JobStore(GatewayConfig config) {
        this(config.gateway().maxLossPoints(), config.gateway().maxCallbackAttempts(), config.api().jobRetention());
    }

    JobStore(int maxLossPoints, int maxCallbackAttempts) {
        this(maxLossPoints, maxCallbackAttempts, DEFAULT_RETENTION);
    }

    JobStore(int maxLossPoints, int maxCallbackAttempts, Duration retention) {
        if (retention.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("stylefleet.api.job-retention: must be at least 1S (1 second), was "
                    + retention);
        }
        this.maxLossPoints = maxLossPoints;
        this.maxCallbackAttempts = maxCallbackAttempts;
        this.retention = retention;
    }

    /** stylefleet.api.job-retention: how long an ended inference job is kept (see {@link JobRetention}). */
    public Duration retention() {
        return retention;
    }

    public Job apply(JobEvent e) {
        return update(e.jobId(), job -> job == null ? Job.from(e) : job.on(e));
    }

    /**
     * Describes the job. Creates it only when the request is younger than job-retention: an older
     * request whose job is not here belongs to a job that was removed (a job is removed at least
     * job-retention after it ended, so after its request), and the request topics, unlike the
     * compacted ones, get no tombstone. A live job older than that is here anyway, from its records.
     */
    public Job apply(InferJobRequested r) {
        boolean mayCreate = young(r.requestedAt());
        return update(r.jobId(), job -> job != null ? job.describedBy(r) : mayCreate ? Job.from(r) : null);
    }

    public Job apply(TrainJobRequested r) {
        boolean mayCreate = young(r.requestedAt());
        return update(r.jobId(), job -> job != null ? job.describedBy(r) : mayCreate ? Job.from(r) : null);
    }

    private boolean young(Instant requestedAt) {
        return requestedAt.isAfter(Instant.now().minus(retention));
    }

    public Job apply(JobRecord r) {
        return update(r.jobId(), job -> job == null ? Job.from(r) : job.merge(r));
    }

    /** Applies any change to one job (callback attempts, a new job's request). Null result: no change. */
    public Job update(String jobId, UnaryOperator<Job> change) {
        Job[] before = new Job[1];
        Job after = jobs.compute(jobId, (id, job) -> {
            before[0] = job;
            Job next = change.apply(job);
            return next == null ? job : next.trimmed(maxLossPoints, maxCallbackAttempts);
        });
        if (after != null && !after.equals(before[0])) {
            changed(before[0], after);
        }
        return after;
    }

    private void changed(Job before, Job after) {
        if (after.request() != null && after.request().idempotencyKey() != null) {
            // compute, not computeIfAbsent(..).add: atomic with forget's removal of an emptied set.
            byIdempotencyKey.compute(idempotencyIndex(after.tenant(), after.request().idempotencyKey()), (k, ids) -> {
                Set<String> all = ids == null ? ConcurrentHashMap.newKeySet() : ids;
                all.add(after.id());
                return all;
            });
        }
        for (BiConsumer<Job, Job> l : listeners) {
            l.accept(before, after);
        }
        List<Consumer<Job>> ws = watchers.get(after.id());
        if (ws != null) {
            ws.forEach(w -> w.accept(after));
        }
    }

    /** The job, if it exists and belongs to the tenant: another tenant's job is simply not there. */
    public Optional<Job> find(String tenant, String jobId) {
        Job job = jobs.get(jobId);
        return job != null && job.tenant().equals(tenant) ? Optional.of(job) : Optional.empty();
    }

    /** Any tenant's job: for the gateway's own machinery (recorder, callbacks), never for answers. */
    public Optional<Job> get(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    /**
     * The job submitted earlier by this tenant with this Idempotency-Key. Normally there is one; two
     * only when two different requests with one key reached two replicas at the same moment (see
     * {@link JobIds}): then the earliest created (ties: the smaller id), so that every replica answers
     * the key with the same job.
     */
    public Optional<Job> findByIdempotencyKey(String tenant, String key) {
        Set<String> ids = byIdempotencyKey.get(idempotencyIndex(tenant, key));
        if (ids == null) {
            return Optional.empty();
        }
        return ids.stream().map(id -> find(tenant, id)).flatMap(Optional::stream)
                .min(Comparator.comparing(Job::createdAt).thenComparing(Job::id));
    }

    /**
     * Removes the job: it was evicted after job-retention ({@link JobRetention}), here or, seen
     * through its tombstone, by the replica that owns it. Listeners are not told: a removed job has
     * ended long ago, nothing waits on it. True when the job was here.
     */
    public boolean forget(String jobId) {
        Job gone = jobs.remove(jobId);
        if (gone == null) {
            return false;
        }
        if (gone.request() != null && gone.request().idempotencyKey() != null) {
            byIdempotencyKey.computeIfPresent(idempotencyIndex(gone.tenant(), gone.request().idempotencyKey()),
                    (k, ids) -> {
                        ids.remove(jobId);
                        return ids.isEmpty() ? null : ids;
                    });
        }
        return true;
    }

    /** The tenant's jobs, newest first, optionally of one state. */
    public List<Job> list(String tenant, JobState state) {
        return stream().filter(j -> j.tenant().equals(tenant) && (state == null || j.state() == state))
                .sorted(Comparator.comparing(Job::createdAt).reversed().thenComparing(Job::id))
                .toList();
    }

    public Stream<Job> stream() {
        return jobs.values().stream();
    }

    public Map<JobState, Long> countByState() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            counts.put(s, 0L);
        }
        jobs.values().forEach(j -> counts.merge(j.state(), 1L, Long::sum));
        return counts;
    }

    /** Calls the watcher with every new value of the job until the returned handle is closed. */
    public AutoCloseable watch(String jobId, Consumer<Job> watcher) {
        watchers.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>()).add(watcher);
        return () -> watchers.computeIfPresent(jobId, (id, ws) -> {
            ws.remove(watcher);
            return ws.isEmpty() ? null : ws;
        });
    }

    /** Calls the listener with (before, after) on every change of any job; before is null for a new job. */
    public void listen(BiConsumer<Job, Job> listener) {
        listeners.add(listener);
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

    private static String idempotencyIndex(String tenant, String key) {
        return tenant + "\n" + key;
    }
}
