package dev.stylefleet.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.gateway.jobs.JobIds;
import dev.stylefleet.gateway.jobs.Submission;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Style ids: a slug of the name plus hex digits of the job id, derived alike on every replica for one key. */
class StyleIdTest {
    @Test
    void slugOfTheNamePlusTheFirstDigitsOfTheJobId() {
        assertThat(StyleResource.styleId("Starry Night!", "1f0c9a2e99887766")).isEqualTo("starry-night-1f0c9a2e");
        assertThat(StyleResource.styleId("***", "abcdef0123456789")).isEqualTo("style-abcdef01");
        assertThat(StyleResource.styleId("x".repeat(100), JobIds.next())).hasSize(64).matches("^[a-z0-9][a-z0-9._-]{0,63}$");
    }

    @Test
    void oneKeyedRequestNamesOneStyleWhicheverReplicaTakesIt() {
        Submission.Idempotency idem = new Submission.Idempotency("key-1", "hash-1");
        Duration retention = Duration.ofDays(7);
        String onReplicaA = StyleResource.styleId("Mosaic", JobIds.forSubmission("local", idem, retention));
        String onReplicaB = StyleResource.styleId("Mosaic", JobIds.forSubmission("local", idem, retention));
        assertThat(onReplicaA).isEqualTo(onReplicaB);
        // Without a key every submission is a new style.
        assertThat(StyleResource.styleId("Mosaic", JobIds.forSubmission("local", null, retention)))
                .isNotEqualTo(StyleResource.styleId("Mosaic", JobIds.forSubmission("local", null, retention)));
    }
}
