package dev.stylefleet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.gateway.api.JobApiITSupport;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.JobRecord;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key across two replicas of the packaged gateway (one consumer group, one broker, one S3
 * server): the same key and body sent to both at the same moment make one job, not two; once that job
 * is visible, another body under the key is refused on either replica.
 */
class IdempotencyAcrossReplicasIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern LAG = Pattern.compile("^stylefleet_consumer_lag\\{[^}]*} (\\S+)$", Pattern.MULTILINE);

    private final KafkaProbe kafka = JobApiITSupport.kafka();

    private static Response submit(GatewayProcess g, String apiKey, String key, byte[] image) {
        return g.as(apiKey).header("Idempotency-Key", key).multiPart("image", "p.png", image, "image/png")
                .multiPart("task", "super-resolve").multiPart("model", "bicubic-x4").post("/v1/jobs");
    }

    private static List<String> listed(GatewayProcess g, String apiKey) {
        Response r = g.as(apiKey).get("/v1/jobs?size=100");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        List<String> ids = r.jsonPath().getList("items.id", String.class);
        assertThat(r.jsonPath().getLong("total")).isEqualTo(ids.size());
        return ids;
    }

    /** True when the replica's job-state reader had nothing left to read on any topic at its last poll. */
    private static boolean caughtUpWithTheTopics(GatewayProcess g, String apiKey) {
        Matcher m = LAG.matcher(g.management().get("/q/metrics").asString());
        int topics = 0;
        while (m.find()) {
            topics++;
            if (Double.parseDouble(m.group(1)) != 0.0) {
                return false;
            }
        }
        return topics > 0;
    }

    @Test
    void theSameKeyAndBodyOnTwoReplicasAtOnceMakeOneJobAndAnotherBodyConflictsOnEither() throws Exception {
        JobApiITSupport.registerModels();
        long n = System.nanoTime();
        // A tenant of its own: GET /v1/jobs then lists exactly what this test created.
        String tenant = "idem-" + n;
        String apiKey = "idem-key-" + n;
        Map<String, String> config = Map.of("stylefleet.api-keys." + apiKey, tenant);
        String group = "idem-it-" + n;
        String key = "order-" + n;
        byte[] body = TestImages.png(24, 18);
        byte[] otherBody = TestImages.png(25, 18);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<GatewayProcess> started = new ArrayList<>();
        try {
            Future<GatewayProcess> startA = pool.submit(() -> GatewayProcess.start(group, "idem-it-a", config));
            Future<GatewayProcess> startB = pool.submit(() -> GatewayProcess.start(group, "idem-it-b", config));
            for (Future<GatewayProcess> f : List.of(startA, startB)) {
                try {
                    started.add(f.get(3, TimeUnit.MINUTES));
                } catch (Exception e) {
                    if (f == startA) {
                        startB.get(3, TimeUnit.MINUTES).close();
                    }
                    throw e;
                }
            }
            GatewayProcess a = started.get(0);
            GatewayProcess b = started.get(1);
            Map<Integer, Long> requestsBefore = kafka.endOffsets(Topics.INFER_JOBS);
            Map<Integer, Long> recordsBefore = kafka.endOffsets(Topics.JOB_RECORDS);

            // Both at once: neither replica can have read the other's record before deciding.
            CountDownLatch go = new CountDownLatch(1);
            Callable<Response> onA = () -> {
                go.await();
                return submit(a, apiKey, key, body);
            };
            Callable<Response> onB = () -> {
                go.await();
                return submit(b, apiKey, key, body);
            };
            Future<Response> fromA = pool.submit(onA);
            Future<Response> fromB = pool.submit(onB);
            go.countDown();
            Response ra = fromA.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            Response rb = fromB.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(ra.statusCode()).as(ra.asString()).isEqualTo(202);
            assertThat(rb.statusCode()).as(rb.asString()).isEqualTo(202);
            String id = ra.jsonPath().getString("id");
            assertThat(id).matches("^[0-9a-f]{32}$");
            assertThat(rb.jsonPath().getString("id")).isEqualTo(id);

            // Each replica, once it has read everything, knows exactly one job of this tenant.
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                for (GatewayProcess g : List.of(a, b)) {
                    assertThat(caughtUpWithTheTopics(g, apiKey)).isTrue();
                    assertThat(listed(g, apiKey)).containsExactly(id);
                }
            });
            // Whatever each replica published is about that one job: one or two request messages, all its
            // records with the one request hash.
            List<InferJobRequested> requests = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : kafka.readFrom(Topics.INFER_JOBS, requestsBefore)) {
                InferJobRequested m = Messages.INFER_JOB_REQUESTED.decode(r.value());
                if (m.tenant().equals(tenant)) {
                    requests.add(m);
                }
            }
            assertThat(requests).isNotEmpty().allSatisfy(m -> assertThat(m.jobId()).isEqualTo(id));
            List<String> hashes = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : kafka.readFrom(Topics.JOB_RECORDS, recordsBefore)) {
                if (id.equals(r.key()) && r.value() != null) {
                    JobRecord rec = Messages.JOB_RECORD.decode(r.value());
                    hashes.add(rec.request() == null ? null : rec.request().requestHash());
                }
            }
            assertThat(hashes).isNotEmpty().containsOnly(hashes.get(0)).doesNotContainNull();

            // The key is taken: another body is refused on both replicas, the same body answers the job.
            for (GatewayProcess g : List.of(b, a)) {
                Response conflict = submit(g, apiKey, key, otherBody);
                assertThat(conflict.statusCode()).as(conflict.asString()).isEqualTo(409);
                assertThat(conflict.jsonPath().getString("error.code")).isEqualTo("IDEMPOTENCY_CONFLICT");
                assertThat(conflict.jsonPath().getString("error.field")).isEqualTo("Idempotency-Key");
                assertThat(conflict.jsonPath().getString("error.message")).contains(id);
                Response again = submit(g, apiKey, key, body);
                assertThat(again.statusCode()).as(again.asString()).isEqualTo(202);
                assertThat(again.jsonPath().getString("id")).isEqualTo(id);
            }
            for (GatewayProcess g : List.of(a, b)) {
                assertThat(listed(g, apiKey)).containsExactly(id);
            }
        } finally {
            started.forEach(GatewayProcess::close);
            pool.shutdownNow();
        }
    }
}
