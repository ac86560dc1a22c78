package dev.stylefleet.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobRecord;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobStoreTest {

    @Test
    void jobsAreVisibleOnlyToTheirTenant() {
        JobStore store = new JobStore();
        store.apply(JobEvent.of("j1", "acme", JobKind.INFER, JobState.QUEUED, "api-gateway"));
        assertThat(store.find("acme", "j1")).isPresent();
        assertThat(store.find("other", "j1")).isEmpty();
        assertThat(store.find("acme", "j2")).isEmpty();
    }

    @Test
    void applyingTheSameEventTwiceChangesNothing() {
        JobStore store = new JobStore();
        JobEvent running = JobEvent.of("j1", "acme", JobKind.INFER, JobState.RUNNING, "w");
        Job once = store.apply(running);
        assertThat(store.apply(running)).isEqualTo(once);
        assertThat(store.size()).isEqualTo(1);
    }

    private static JobRecord.Request keyed(String key, String hash) {
        return new JobRecord.Request("super-resolve", "bicubic-x4", "png", null, null, null, key, hash, null, null,
                null, null);
    }

    /** A job as the submitter creates it: QUEUED at {@code at}, with its request. */
    private static Job submitted(JobStore store, String id, Instant at, JobRecord.Request request) {
        JobEvent queued = new JobEvent(Messages.SCHEMA_VERSION, id, "acme", JobKind.INFER, JobState.QUEUED, at,
                "api-gateway", null, null, null, request);
        return store.apply(queued);
    }

    private static InferJobRequested request(String id, Instant at) {
        return new InferJobRequested(Messages.SCHEMA_VERSION, id, "acme", "super-resolve", "bicubic-x4",
                "inputs/acme/" + id + "/input", "png", InferOptions.defaults(), at);
    }

    @Test
    void forgettingRemovesTheJobAndFreesItsIdempotencyKey() {
        JobStore store = new JobStore();
        submitted(store, "j1", Instant.now(), keyed("k", "h1"));
        assertThat(store.findByIdempotencyKey("acme", "k")).map(Job::id).contains("j1");

        assertThat(store.forget("j1")).isTrue();
        assertThat(store.find("acme", "j1")).isEmpty();
        assertThat(store.findByIdempotencyKey("acme", "k")).isEmpty();
        assertThat(store.size()).isZero();
        assertThat(store.forget("j1")).isFalse();
    }

    @Test
    void aKeyUsedByTwoJobsAnswersTheEarliestOnEveryReplicaWhateverTheOrderTheyWereRead() {
        // Two different bodies with one key, accepted at the same moment by two replicas (see JobIds).
        Instant t = Instant.now();
        JobStore readsEarlierFirst = new JobStore();
        submitted(readsEarlierFirst, "early", t, keyed("k", "h1"));
        submitted(readsEarlierFirst, "late", t.plusMillis(3), keyed("k", "h2"));
        JobStore readsLaterFirst = new JobStore();
        submitted(readsLaterFirst, "late", t.plusMillis(3), keyed("k", "h2"));
        submitted(readsLaterFirst, "early", t, keyed("k", "h1"));

        assertThat(readsEarlierFirst.findByIdempotencyKey("acme", "k")).map(Job::id).contains("early");
        assertThat(readsLaterFirst.findByIdempotencyKey("acme", "k")).map(Job::id).contains("early");
        readsLaterFirst.forget("early");
        assertThat(readsLaterFirst.findByIdempotencyKey("acme", "k")).map(Job::id).contains("late");
        assertThat(readsLaterFirst.findByIdempotencyKey("other", "k")).isEmpty();
    }

    @Test
    void aRequestOlderThanTheRetentionDoesNotBringBackARemovedJob() {
        JobStore store = new JobStore(JobStore.DEFAULT_MAX_LOSS_POINTS, JobStore.DEFAULT_MAX_CALLBACK_ATTEMPTS,
                Duration.ofHours(1));
        // Read after the job's tombstones (the request topics get none): nothing comes back.
        assertThat(store.apply(request("gone", Instant.now().minus(Duration.ofHours(2))))).isNull();
        assertThat(store.find("acme", "gone")).isEmpty();
        // A young request read before its job's record or event creates the job, as before.
        assertThat(store.apply(request("young", Instant.now())).state()).isEqualTo(JobState.QUEUED);
        assertThat(store.find("acme", "young")).isPresent();
        // An old request of a job that is here (a long queue) still describes it.
        store.apply(JobEvent.of("queued-long", "acme", JobKind.INFER, JobState.QUEUED, "api-gateway"));
        assertThat(store.apply(request("queued-long", Instant.now().minus(Duration.ofHours(2)))).task())
                .isEqualTo("super-resolve");
    }

    @Test
    void aRetentionBelowOneSecondIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new JobStore(1, 1, Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stylefleet.api.job-retention").hasMessageContaining("at least 1S");
    }
}
