package dev.stylefleet.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
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
}
