package dev.stylefleet.gateway.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code stylefleet.admission.*}: when a submission is refused with 429 OVERLOADED because the work
 * already queued for its task would make it wait too long (see {@link AdmissionControl}). docs/api.md
 * lists every key.
 */
@ConfigMapping(prefix = "stylefleet.admission")
public interface AdmissionConfig {

    /** {@code stylefleet.admission.enabled}: false accepts every submission whatever the queue. */
    @WithDefault("true")
    boolean enabled();

    /**
     * {@code stylefleet.admission.refresh-interval}: the longest a submission relies on the queue
     * measured earlier; the measure walks every job the replica holds, so it is not taken per request.
     */
    @WithDefault("1S")
    Duration refreshInterval();

    /** {@code stylefleet.admission.service-time-samples}: run times kept per task for the mean service time. */
    @WithDefault("50")
    int serviceTimeSamples();

    /**
     * {@code stylefleet.admission.max-retry-after}: the largest Retry-After answered (the estimate of how
     * long the queue needs to drain to the bound is capped here).
     */
    @WithDefault("5M")
    Duration maxRetryAfter();

    /** The longest estimated wait at which a submission of each task is still accepted. */
    PerTask maxWait();

    /** The service time assumed per task until this replica has seen a job of that task run. */
    InitialServiceTime initialServiceTime();

    interface PerTask {
        /** {@code stylefleet.admission.max-wait.super-resolve}. */
        @WithDefault("10M")
        Duration superResolve();

        /** {@code stylefleet.admission.max-wait.stylize}. */
        @WithDefault("10M")
        Duration stylize();

        /** {@code stylefleet.admission.max-wait.train}: training runs for tens of minutes per job, one per worker. */
        @WithDefault("6H")
        Duration train();
    }

    interface InitialServiceTime {
        /** {@code stylefleet.admission.initial-service-time.super-resolve}. */
        @WithDefault("2S")
        Duration superResolve();

        /** {@code stylefleet.admission.initial-service-time.stylize}. */
        @WithDefault("2S")
        Duration stylize();

        /** {@code stylefleet.admission.initial-service-time.train}. */
        @WithDefault("30M")
        Duration train();
    }
}
