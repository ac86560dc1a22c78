package dev.stylefleet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.gateway.api.JobApiITSupport;
import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.gateway.jobs.JobIds;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.platform.storage.ObjectStore;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * stylefleet.api.job-retention on the packaged gateway with a retention of two seconds: an ended job
 * disappears (404, not listed), its input and result objects are deleted, the last value of its key on
 * the events and records topics is a tombstone, and a restarted gateway, reading every message of the
 * job from the uncompacted topics (its request included), does not bring it back. A job that has not
 * ended stays, however old. Runs in its own JVM (see the pom): a gateway with this retention removes
 * every ended job on the broker it uses, other tests' included.
 */
class JobRetentionIT {
    private static final String KEY = LocalStackResource.LOCAL_KEY;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Map<String, String> TWO_SECONDS = Map.of("stylefleet.api.job-retention", "2S");

    private final KafkaProbe kafka = JobApiITSupport.kafka();
    private final ObjectStore s3 = LocalStack.shared().objectStore();

    /** Random pixels: a PNG far larger than any input sent inline in the request, so it is stored. */
    private static byte[] incompressiblePng() {
        Random random = new Random(7);
        BufferedImage img = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return TestImages.encode(img, "png");
    }

    private static String submit(GatewayProcess g, byte[] image) {
        Response r = g.as(KEY).multiPart("image", "p.png", image, "image/png")
                .multiPart("task", "super-resolve").multiPart("model", "bicubic-x4").post("/v1/jobs");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        return r.jsonPath().getString("id");
    }

    private void send(String id, JobState state, JobEvent.Result result) throws Exception {
        JobEvent e = new JobEvent(Messages.SCHEMA_VERSION, id, "local", JobKind.INFER, state, Instant.now(),
                "test-worker", null, result, null);
        kafka.send(Topics.JOB_EVENTS, id, Messages.JOB_EVENT.encode(e));
    }

    /** Whether the last message of the key on the topic, read from the beginning, is a tombstone. */
    private boolean endsInTombstone(String topic, String id) {
        Map<String, ConsumerRecord<String, byte[]>> last = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : kafka.readFrom(topic, Map.of())) {
            last.put(r.key(), r);
        }
        assertThat(last).as(topic + " has messages of " + id).containsKey(id);
        return last.get(id).value() == null;
    }

    @Test
    void anEndedJobIsRemovedWithItsObjectsAndTopicKeysAndStaysRemovedAfterARestart() throws Exception {
        JobApiITSupport.registerModels();
        String group = "retention-it-" + System.nanoTime();
        String done;
        String running;
        try (GatewayProcess g = GatewayProcess.start(group, "retention-it", TWO_SECONDS)) {
            done = submit(g, incompressiblePng());
            running = submit(g, TestImages.png(8, 8));
            String inputKey = ObjectKeys.input("local", done);
            String resultKey = ObjectKeys.result(done, "png");
            assertThat(s3.exists(Buckets.DATA, inputKey)).isTrue();
            // The test plays the worker: a result object, then the events.
            s3.put(Buckets.DATA, resultKey, TestImages.png(32, 32), "image/png");
            send(running, JobState.RUNNING, null);
            send(done, JobState.RUNNING, null);
            send(done, JobState.SUCCEEDED, new JobEvent.Result(resultKey, "image/png", 32, 32, null));

            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                    .until(() -> "SUCCEEDED".equals(g.as(KEY).get("/v1/jobs/" + done).jsonPath().getString("state")));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                    .until(() -> g.as(KEY).get("/v1/jobs/" + done).statusCode() == 404);

            Response gone = g.as(KEY).get("/v1/jobs/" + done);
            assertThat(gone.jsonPath().getString("error.code")).isEqualTo("JOB_NOT_FOUND");
            assertThat(g.as(KEY).get("/v1/jobs/" + done + "/result").statusCode()).isEqualTo(404);
            // Objects first, tombstones next, forgetting last: all of it is done once the job answers 404.
            assertThat(s3.exists(Buckets.DATA, inputKey)).isFalse();
            assertThat(s3.exists(Buckets.DATA, resultKey)).isFalse();
            assertThat(endsInTombstone(Topics.JOB_EVENTS, done)).isTrue();
            assertThat(endsInTombstone(Topics.JOB_RECORDS, done)).isTrue();
            assertThat(endsInTombstone(Topics.JOB_RECORDS, running)).isFalse();

            // Older than the retention by now, but not ended: kept.
            Response stays = g.as(KEY).get("/v1/jobs/" + running);
            assertThat(stays.statusCode()).isEqualTo(200);
            assertThat(stays.jsonPath().getString("state")).isEqualTo("RUNNING");
            assertThat(g.as(KEY).get("/v1/jobs?size=100").jsonPath().getList("items.id", String.class))
                    .contains(running).doesNotContain(done);
        }

        // Every message of the removed job is still on the topics (nothing compacted yet), its request too.
        try (GatewayProcess again = GatewayProcess.start(group, "retention-it-again", TWO_SECONDS)) {
            // Ready means caught up: what was on the topics before the start is all folded in.
            assertThat(again.as(KEY).get("/v1/jobs/" + done).statusCode()).isEqualTo(404);
            Response stays = again.as(KEY).get("/v1/jobs/" + running);
            assertThat(stays.statusCode()).isEqualTo(200);
            assertThat(stays.jsonPath().getString("state")).isEqualTo("RUNNING");
            assertThat(stays.jsonPath().getString("task")).isEqualTo("super-resolve");

            // The same, in a fixed order: the removed job's request read again after its tombstones (as a
            // reread may do), then a new job's request behind it on the same partition. Once the new job
            // shows, the old request has been read, and it did not bring its job back.
            ConsumerRecord<String, byte[]> oldRequest = kafka.readFrom(Topics.INFER_JOBS, Map.of()).stream()
                    .filter(r -> done.equals(r.key())).findFirst().orElseThrow();
            String marker = idOnPartition(oldRequest.partition());
            kafka.send(Topics.INFER_JOBS, done, oldRequest.value());
            kafka.send(Topics.INFER_JOBS, marker, Messages.INFER_JOB_REQUESTED.encode(new InferJobRequested(
                    Messages.SCHEMA_VERSION, marker, "local", "super-resolve", "bicubic-x4",
                    ObjectKeys.input("local", marker), "png", InferOptions.defaults(), Instant.now())));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                    .until(() -> again.as(KEY).get("/v1/jobs/" + marker).statusCode() == 200);
            assertThat(again.as(KEY).get("/v1/jobs/" + done).statusCode()).isEqualTo(404);
        }
    }

    /** A new job id whose messages go to the given partition of the request topic. */
    private String idOnPartition(int partition) {
        int partitions = kafka.endOffsets(Topics.INFER_JOBS).size();
        while (true) {
            String id = JobIds.next();
            if (Utils.toPositive(Utils.murmur2(Topics.key(id).getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
                return id;
            }
        }
    }
}
