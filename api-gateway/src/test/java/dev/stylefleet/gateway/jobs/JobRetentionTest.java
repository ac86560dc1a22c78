package dev.stylefleet.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which jobs the retention sweep removes, and how often it looks. */
class JobRetentionTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(7);

    private static JobEvent event(JobKind kind, JobState state, Instant at) {
        return new JobEvent(Messages.SCHEMA_VERSION, "j1", "acme", kind, state, at, "w", null, null, null);
    }

    /** Created at T0, ended (or last changed) an hour later. */
    private static Job job(JobKind kind, JobState last) {
        Job queued = Job.from(event(kind, JobState.QUEUED, T0));
        return last == JobState.QUEUED ? queued : queued.on(event(kind, last, T0.plus(Duration.ofHours(1))));
    }

    @Test
    void anEndedInferenceJobExpiresRetentionAfterItEndedNotAfterItWasCreated() {
        Instant ended = T0.plus(Duration.ofHours(1));
        for (JobState end : new JobState[] {JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED}) {
            Job job = job(JobKind.INFER, end);
            assertThat(JobRetention.expired(job, ended.plus(RETENTION).minusMillis(1), RETENTION)).as(end.name()).isFalse();
            assertThat(JobRetention.expired(job, ended.plus(RETENTION), RETENTION)).as(end.name()).isTrue();
        }
    }

    @Test
    void unfinishedAndTrainingJobsAreKept() {
        Instant muchLater = T0.plus(RETENTION.multipliedBy(10));
        assertThat(JobRetention.expired(job(JobKind.INFER, JobState.QUEUED), muchLater, RETENTION)).isFalse();
        assertThat(JobRetention.expired(job(JobKind.INFER, JobState.RUNNING), muchLater, RETENTION)).isFalse();
        // A training job is its style (GET /v1/styles), which outlives the job.
        assertThat(JobRetention.expired(job(JobKind.TRAIN, JobState.SUCCEEDED), muchLater, RETENTION)).isFalse();
        assertThat(JobRetention.expired(job(JobKind.TRAIN, JobState.FAILED), muchLater, RETENTION)).isFalse();
    }

    @Test
    void theSweepRunsEveryTenthOfTheRetentionWithinBounds() {
        assertThat(JobRetention.interval(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(200));
        assertThat(JobRetention.interval(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(100));
        assertThat(JobRetention.interval(Duration.ofMillis(1))).isEqualTo(JobRetention.MIN_INTERVAL);
        assertThat(JobRetention.interval(RETENTION)).isEqualTo(JobRetention.MAX_INTERVAL);
    }
}
