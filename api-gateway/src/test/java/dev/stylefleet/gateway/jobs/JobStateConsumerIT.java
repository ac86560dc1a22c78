package dev.stylefleet.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.gateway.KafkaProbe;
import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job-state consumer on the real broker: state that was on the topics before it started is all
 * there the moment it reports caught up; it survives a record that is not a valid message; and it
 * keeps following the topics afterwards.
 */
class JobStateConsumerIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private KafkaProbe kafka;
    private JobStateConsumer consumer;

    @BeforeEach
    void probe() {
        kafka = new KafkaProbe(LocalStack.shared().kafkaBootstrapServers());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (consumer != null) {
            consumer.stop();
        }
        kafka.close();
    }

    private void send(JobEvent e) throws Exception {
        kafka.send(Topics.JOB_EVENTS, e.jobId(), Messages.JOB_EVENT.encode(e));
    }

    private static JobEvent event(String id, JobState state) {
        return new JobEvent(Messages.SCHEMA_VERSION, id, "acme", JobKind.INFER, state, Instant.now(), "w",
                null, null, null);
    }

    @Test
    void rebuildsStateFromTheTopicsBeforeReportingReady() throws Exception {
        String done = JobIds.next();
        String failed = JobIds.next();
        send(event(done, JobState.QUEUED));
        kafka.send(Topics.INFER_JOBS, done, Messages.INFER_JOB_REQUESTED.encode(new InferJobRequested(
                Messages.SCHEMA_VERSION, done, "acme", "super-resolve", "bicubic-x4", "inputs/acme/" + done + "/input",
                "png", InferOptions.defaults(), Instant.now())));
        send(event(done, JobState.RUNNING));
        kafka.send(Topics.JOB_EVENTS, done, "{not a job event".getBytes(StandardCharsets.UTF_8));
        send(event(done, JobState.SUCCEEDED).withResult(new JobEvent.Result("results/" + done + "/result.png",
                "image/png", 8, 8, null)));
        send(event(failed, JobState.QUEUED));
        send(event(failed, JobState.FAILED).withError("INFERENCE_FAILED", "boom"));
        send(event(failed, JobState.SUCCEEDED).withResult(new JobEvent.Result("late", "image/png", 1, 1, null)));

        JobStore store = new JobStore();
        consumer = new JobStateConsumer(LocalStack.shared().kafkaBootstrapServers(), Duration.ofMillis(100),
                Duration.ofMillis(500), store);
        assertThat(store.caughtUp()).isFalse();
        consumer.start();
        await().atMost(PATIENCE).until(store::caughtUp);

        // No waiting from here on: caught up means everything written before the start is folded in.
        Job job = store.find("acme", done).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.task()).isEqualTo("super-resolve");
        assertThat(job.model()).isEqualTo("bicubic-x4");
        assertThat(job.output().key()).isEqualTo("results/" + done + "/result.png");
        Job lost = store.find("acme", failed).orElseThrow();
        assertThat(lost.state()).isEqualTo(JobState.FAILED);
        assertThat(lost.failure().code()).isEqualTo("INFERENCE_FAILED");
        assertThat(lost.output()).isNull();
        assertThat(consumer.skipped()).isGreaterThanOrEqualTo(1);

        String later = JobIds.next();
        send(event(later, JobState.QUEUED));
        await().atMost(PATIENCE).until(() -> store.find("acme", later).isPresent());
    }
}
