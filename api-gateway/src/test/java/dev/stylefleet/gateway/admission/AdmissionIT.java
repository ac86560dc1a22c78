package dev.stylefleet.gateway.admission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.gateway.KafkaProbe;
import dev.stylefleet.gateway.TestImages;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Admission control against a real broker: with super-resolve jobs assumed to take 1 s and no worker
 * (parallelism 1), the third queued job would wait 2 s, over nothing; so submissions are accepted
 * until the queue holds {@code max-wait / service time} jobs, then answered 429 OVERLOADED with
 * Retry-After and nothing enqueued; once the queued jobs have run (RUNNING then SUCCEEDED published to
 * the events topic, as a worker does) submissions are accepted again.
 */
@QuarkusTest
@WithTestResource(PrivateStackResource.class)
class AdmissionIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** More submissions than the bound admits: the loop must meet a 429 well before this. */
    private static final int MAX_SUBMISSIONS = 20;

    private static Response submit() {
        return given().header("Authorization", "Bearer " + PrivateStackResource.KEY)
                .multiPart("image", "photo.png", TestImages.png(16, 12), "image/png")
                .multiPart("task", "super-resolve").multiPart("model", PrivateStackResource.SR_MODEL)
                .post("/v1/jobs");
    }

    @Test
    void refusedWithRetryAfterOnceTheBoundIsPassedAndAcceptedAgainWhenTheQueueDrains() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("stylefleet.kafka.bootstrap-servers", String.class);
        try (KafkaProbe kafka = new KafkaProbe(bootstrap)) {
            await().atMost(PATIENCE).until(() -> dev.stylefleet.gateway.ManagementPort.given().get("/q/health/ready").statusCode() == 200);
            List<String> accepted = new ArrayList<>();
            Response refused = null;
            for (int i = 0; i < MAX_SUBMISSIONS && refused == null; i++) {
                Response r = submit();
                if (r.statusCode() == 202) {
                    accepted.add(r.jsonPath().getString("id"));
                } else {
                    refused = r;
                }
            }
            // Wait = queued x 1 s: accepted while at most 2 s, i.e. with 0, 1 and 2 jobs queued.
            int admitted = PrivateStackResource.MAX_WAIT_SECONDS / PrivateStackResource.SERVICE_SECONDS + 1;
            assertThat(accepted).hasSize(admitted);
            assertThat(refused).isNotNull();
            assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/json");
            assertThat(refused.jsonPath().getString("error.code")).isEqualTo("OVERLOADED");
            assertThat(refused.jsonPath().getString("error.message")).contains("super-resolve");
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isEqualTo(1);

            // Nothing of a refused submission reaches Kafka.
            Map<Integer, Long> before = kafka.endOffsets(Topics.INFER_JOBS);
            assertThat(submit().statusCode()).isEqualTo(429);
            assertThat(kafka.endOffsets(Topics.INFER_JOBS)).isEqualTo(before);

            // The queue drains: each job runs and succeeds, as a worker would report it.
            for (String id : accepted) {
                kafka.send(Topics.JOB_EVENTS, id, Messages.JOB_EVENT.encode(event(id, JobState.RUNNING, null)));
                kafka.send(Topics.JOB_EVENTS, id, Messages.JOB_EVENT.encode(event(id, JobState.SUCCEEDED,
                        new JobEvent.Result("results/" + id + "/result.png", "image/png", 64, 48, null))));
            }
            await().atMost(PATIENCE).until(() -> accepted.stream().allMatch(id -> "SUCCEEDED".equals(
                    given().header("Authorization", "Bearer " + PrivateStackResource.KEY).get("/v1/jobs/" + id)
                            .jsonPath().getString("state"))));
            Response again = submit();
            assertThat(again.statusCode()).as(again.asString()).isEqualTo(202);
        }
    }

    private static JobEvent event(String id, JobState state, JobEvent.Result result) {
        return new JobEvent(Messages.SCHEMA_VERSION, id, PrivateStackResource.TENANT, JobKind.INFER, state,
                Instant.now(), "admission-it", null, result, null);
    }
}
