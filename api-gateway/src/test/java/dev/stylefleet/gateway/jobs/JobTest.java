package dev.stylefleet.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static JobEvent event(JobState state, int second) {
        return new JobEvent(Messages.SCHEMA_VERSION, "j1", "acme", JobKind.INFER, state, T0.plusSeconds(second),
                "w", null, null, null);
    }

    private static JobEvent succeeded(int second) {
        return event(JobState.SUCCEEDED, second)
                .withResult(new JobEvent.Result("results/j1/result.png", "image/png", 40, 30, null));
    }

    private static InferJobRequested request(String tenant) {
        return new InferJobRequested(Messages.SCHEMA_VERSION, "j1", tenant, "super-resolve", "bicubic-x4",
                "inputs/acme/j1/input", "png", InferOptions.defaults(), T0);
    }

    @Test
    void movesForwardToSuccessWithTheResult() {
        Job job = Job.from(event(JobState.QUEUED, 0)).on(event(JobState.RUNNING, 1)).on(succeeded(2));
        assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(job.output()).isEqualTo(new Job.Output("results/j1/result.png", "image/png", 40, 30));
        assertThat(job.createdAt()).isEqualTo(T0);
        assertThat(job.updatedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void neverLeavesATerminalState() {
        Job done = Job.from(event(JobState.QUEUED, 0)).on(succeeded(2));
        // A redelivered job reports RUNNING and even FAILED again: the first outcome stands.
        assertThat(done.on(event(JobState.RUNNING, 3))).isEqualTo(done);
        assertThat(done.on(event(JobState.FAILED, 4).withError("BOOM", "late"))).isEqualTo(done);
        Job failed = Job.from(event(JobState.FAILED, 1).withError("ENQUEUE_FAILED", "x"));
        assertThat(failed.on(succeeded(5)).state()).isEqualTo(JobState.FAILED);
        assertThat(failed.failure()).isEqualTo(new Job.Failure("ENQUEUE_FAILED", "x"));
    }

    @Test
    void ignoresStaleEvents() {
        Job running = Job.from(event(JobState.QUEUED, 0)).on(event(JobState.RUNNING, 5));
        assertThat(running.on(event(JobState.QUEUED, 6))).isEqualTo(running);
        assertThat(running.on(event(JobState.RUNNING, 4))).isEqualTo(running);
        assertThat(running.on(event(JobState.RUNNING, 7)).updatedAt()).isEqualTo(T0.plusSeconds(7));
    }

    @Test
    void ignoresEventsOfAnotherTenant() {
        Job queued = Job.from(event(JobState.QUEUED, 0));
        JobEvent foreign = new JobEvent(Messages.SCHEMA_VERSION, "j1", "mallory", JobKind.INFER,
                JobState.CANCELLED, T0.plusSeconds(1), "w", null, null, null);
        assertThat(queued.on(foreign)).isEqualTo(queued);
    }

    @Test
    void requestAddsTaskAndModelWhicheverArrivesFirst() {
        Job eventFirst = Job.from(event(JobState.QUEUED, 0)).describedBy(request("acme"));
        Job requestFirst = Job.from(request("acme")).on(event(JobState.QUEUED, 0));
        for (Job job : new Job[] {eventFirst, requestFirst}) {
            assertThat(job.state()).isEqualTo(JobState.QUEUED);
            assertThat(job.task()).isEqualTo("super-resolve");
            assertThat(job.model()).isEqualTo("bicubic-x4");
            assertThat(job.outputFormat()).isEqualTo("png");
        }
        Job done = Job.from(request("acme")).on(succeeded(3));
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.describedBy(request("acme")).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(Job.from(event(JobState.QUEUED, 0)).describedBy(request("mallory")).task()).isNull();
    }
}
