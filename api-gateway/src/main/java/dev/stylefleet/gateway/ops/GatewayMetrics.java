package dev.stylefleet.gateway.ops;

import dev.stylefleet.gateway.jobs.Job;
import dev.stylefleet.gateway.jobs.JobStateConsumer;
import dev.stylefleet.gateway.jobs.JobStore;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * Prometheus metrics (at {@code /q/metrics}):
 * <ul>
 *   <li>{@code stylefleet_jobs{state}}: jobs the gateway knows of, by state;</li>
 *   <li>{@code stylefleet_consumer_lag{topic}}: records of each topic the job-state reader has not read;</li>
 *   <li>{@code stylefleet_job_latency_seconds{kind,state}}: end-to-end latency, from acceptance to the
 *       terminal state (the times in the job's events), as a histogram. Recorded for jobs that end while
 *       this gateway is up and caught up, so replaying history at start-up does not count old jobs again.</li>
 * </ul>
 */
@ApplicationScoped
public class GatewayMetrics {
    @Inject
    MeterRegistry registry;

    @Inject
    JobStore store;

    @Inject
    JobStateConsumer reader;

    void register(@Observes StartupEvent e) {
        for (JobState s : JobState.values()) {
            Gauge.builder("stylefleet.jobs", store, st -> st.countByState().get(s))
                    .description("jobs known to the gateway, by state").tag("state", s.name()).register(registry);
        }
        for (String topic : List.of(Topics.JOB_EVENTS, Topics.JOB_RECORDS, Topics.INFER_JOBS, Topics.TRAIN_JOBS)) {
            Gauge.builder("stylefleet.consumer.lag", reader, r -> r.lagByTopic().getOrDefault(topic, 0L))
                    .description("records of the topic not yet read by the job-state reader")
                    .tag("topic", topic).register(registry);
        }
        store.listen(this::observe);
    }

    private void observe(Job before, Job after) {
        if (!store.caughtUp() || !after.state().terminal() || (before != null && before.state().terminal())) {
            return;
        }
        Duration latency = Duration.between(after.createdAt(), after.stateAt());
        if (latency.isNegative()) {
            return;
        }
        Timer.builder("stylefleet.job.latency")
                .description("end-to-end job latency, accepted to terminal state")
                .tag("kind", after.kind().name()).tag("state", after.state().name())
                .publishPercentileHistogram()
                .register(registry)
                .record(latency);
    }
}
