package dev.stylefleet.gateway.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.gateway.jobs.Job;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobRecord;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallbackBodyTest {
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final JobRecord.Request REQUEST = new JobRecord.Request("bicubic-x4", null, null, null,
            "https://example.com/hook", false, null, null, null, null, null, null);

    private static Job succeeded() {
        JobEvent queued = new JobEvent(Messages.SCHEMA_VERSION, "j1", "acme", JobKind.INFER, JobState.QUEUED, T0, "gateway",
                null, null, null).withRequest(REQUEST);
        JobEvent done = new JobEvent(Messages.SCHEMA_VERSION, "j1", "acme", JobKind.INFER, JobState.SUCCEEDED,
                T0.plusSeconds(2), "w", null, new JobEvent.Result("results/j1/result.png", "image/png", 8, 8, null), null);
        return Job.from(queued).on(done);
    }

    @Test
    void theBodyIsTheSameBeforeAndAfterAttemptsWereRecordedOnTheJob() {
        Job before = succeeded();
        Job after = before
                .withAttempt(new JobRecord.CallbackAttempt("j1-succeeded", 1, T0.plusSeconds(3), "FAILED", 503, "x"))
                .withAttempt(new JobRecord.CallbackAttempt("j1-succeeded", 2, T0.plusSeconds(5), "FAILED", null, "timeout"));
        // A delivery resumed after a restart is built again from the job, which now holds its attempts.
        Job resumed = Job.from(after.toRecord());

        byte[] first = CallbackBody.of(Messages.JSON, before, "j1-succeeded", "job.state", "https://api.example/");
        assertThat(after.callbacks()).hasSize(2);
        assertThat(CallbackBody.of(Messages.JSON, after, "j1-succeeded", "job.state", "https://api.example/")).isEqualTo(first);
        assertThat(CallbackBody.of(Messages.JSON, resumed, "j1-succeeded", "job.state", "https://api.example/")).isEqualTo(first);
    }

    @Test
    void theBodyNamesTheDeliveryTheEventAndTheJobWithoutItsAttempts() {
        Job job = succeeded().withAttempt(new JobRecord.CallbackAttempt("j1-succeeded", 1, T0.plusSeconds(3), "FAILED", 503, "x"));
        String body = new String(CallbackBody.of(Messages.JSON, job, "j1-succeeded", "job.state", "https://api.example/"),
                StandardCharsets.UTF_8);
        assertThat(body).startsWith("{\"deliveryId\":\"j1-succeeded\",\"event\":\"job.state\",\"job\":{\"id\":\"j1\"")
                .contains("\"state\":\"SUCCEEDED\"", "\"url\":\"https://api.example/v1/jobs/j1/result\"",
                        "\"callbackUrl\":\"https://example.com/hook\"")
                .doesNotContain("\"callbacks\"");
    }
}
