package dev.stylefleet.gateway.admission;

import dev.stylefleet.gateway.jobs.Job;
import dev.stylefleet.gateway.jobs.JobStore;
import dev.stylefleet.schemas.JobState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Admission control: refuses a submission with 429 OVERLOADED and a Retry-After when the work already
 * queued for its task would make it wait longer than {@code stylefleet.admission.max-wait.<task>},
 * instead of accepting work that waits for hours.
 *
 * <p>The measure is the estimated wait ({@link Backlog}), not the consumer lag of the job topics: both
 * inference tasks share one topic, so its lag cannot tell them apart, and a count of messages means a
 * different wait on every fleet size and for every task, where a wait is what a client can judge. The
 * inputs come from the {@link JobStore} every replica already folds from the job events: QUEUED and
 * RUNNING jobs per task, and run times (RUNNING to SUCCEEDED) for the mean service time
 * ({@link ServiceTimes}). So every replica reaches the same verdict without a call to the broker per
 * request. The counts are taken at most every {@code refresh-interval}. An idempotent retry of an
 * accepted job is never refused (the resources ask inside {@code IdempotencyKeys.once}).
 */
@ApplicationScoped
public class AdmissionControl {
    private static final Logger LOG = Logger.getLogger(AdmissionControl.class);

    private final JobStore jobs;
    private final boolean enabled;
    private final long refreshNanos;
    private final Admission admission;
    private final ServiceTimes serviceTimes;
    private final LongSupplier clock;
    private Backlog backlog;
    private long measuredAt;

    @Inject
    public AdmissionControl(JobStore jobs, AdmissionConfig config) {
        this(jobs, config, System::nanoTime);
    }

    AdmissionControl(JobStore jobs, AdmissionConfig config, LongSupplier clock) {
        this.jobs = jobs;
        this.enabled = config.enabled();
        this.refreshNanos = config.refreshInterval().toNanos();
        this.clock = clock;
        Map<QueueClass, Duration> maxWait = new EnumMap<>(QueueClass.class);
        maxWait.put(QueueClass.SUPER_RESOLVE, config.maxWait().superResolve());
        maxWait.put(QueueClass.STYLIZE, config.maxWait().stylize());
        maxWait.put(QueueClass.TRAIN, config.maxWait().train());
        this.admission = new Admission(maxWait, config.maxRetryAfter());
        Map<QueueClass, Duration> initial = new EnumMap<>(QueueClass.class);
        initial.put(QueueClass.SUPER_RESOLVE, config.initialServiceTime().superResolve());
        initial.put(QueueClass.STYLIZE, config.initialServiceTime().stylize());
        initial.put(QueueClass.TRAIN, config.initialServiceTime().train());
        this.serviceTimes = new ServiceTimes(config.serviceTimeSamples(), initial);
        jobs.listen(this::observe);
    }

    /** Throws {@link OverloadedException} when a job of {@code c} should not be accepted now. */
    public void admit(QueueClass c) {
        if (!enabled) {
            return;
        }
        Admission.Verdict v = admission.judge(c, backlog(), serviceTimes.means());
        if (!v.accepted()) {
            LOG.debugf("refused a %s submission: estimated wait %s over the bound %s", c, v.estimatedWait(), v.bound());
            throw new OverloadedException("the queue for " + name(c) + " is full: a new job would wait about "
                    + v.estimatedWait().toSeconds() + " s, more than the " + v.bound().toSeconds() + " s allowed; "
                    + "retry after " + v.retryAfter().toSeconds() + " s", v.retryAfter());
        }
    }

    private synchronized Backlog backlog() {
        long now = clock.getAsLong();
        if (backlog == null || now - measuredAt >= refreshNanos) {
            backlog = measure();
            measuredAt = now;
        }
        return backlog;
    }

    private Backlog measure() {
        Map<QueueClass, Integer> queued = new EnumMap<>(QueueClass.class);
        Map<QueueClass, Integer> running = new EnumMap<>(QueueClass.class);
        jobs.stream().forEach(j -> QueueClass.of(j).ifPresent(c -> {
            if (j.state() == JobState.QUEUED) {
                queued.merge(c, 1, Integer::sum);
            } else if (j.state() == JobState.RUNNING) {
                running.merge(c, 1, Integer::sum);
            }
        }));
        return new Backlog(queued, running);
    }

    /** A job that went from RUNNING to SUCCEEDED: its run time is one sample of its class's service time. */
    private void observe(Job before, Job after) {
        if (before != null && before.state() == JobState.RUNNING && after.state() == JobState.SUCCEEDED
                && before.stateAt() != null && after.stateAt() != null) {
            QueueClass.of(after).ifPresent(c -> serviceTimes.record(c, Duration.between(before.stateAt(), after.stateAt())));
        }
    }

    private static String name(QueueClass c) {
        return switch (c) {
            case SUPER_RESOLVE -> "super-resolve jobs";
            case STYLIZE -> "stylize jobs";
            case TRAIN -> "training jobs";
        };
    }
}
