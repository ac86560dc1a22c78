package dev.stylefleet.gateway.api;

import static dev.stylefleet.gateway.api.GatewayFixtures.SR_MODEL;
import static dev.stylefleet.gateway.api.GatewayFixtures.as;
import static dev.stylefleet.gateway.api.GatewayFixtures.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.gateway.LocalStackResource;
import dev.stylefleet.gateway.TestImages;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One job end to end against the real broker and S3 server, with the test playing the inference
 * worker: submit, check what was enqueued and stored, then report RUNNING and SUCCEEDED with a result
 * object and follow the job to its result. Also: tenants cannot see each other's jobs.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class JobLifecycleIT {
    private static final String KEY = LocalStackResource.LOCAL_KEY;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @BeforeAll
    static void models() {
        GatewayFixtures.registerModels();
    }

    /** RestAssured knows the test port only once the app runs, so not in a static @BeforeAll. */
    @BeforeEach
    void ready() {
        GatewayFixtures.awaitReady();
    }

    @Test
    void anInputAboveTheInlineLimitGoesThroughTheObjectStore() {
        // Noise does not compress: 320 x 320 x 3 bytes make a PNG above the default 256 KiB limit.
        java.awt.image.BufferedImage noise = new java.awt.image.BufferedImage(320, 320,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < noise.getHeight(); y++) {
            for (int x = 0; x < noise.getWidth(); x++) {
                noise.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        byte[] input = TestImages.encode(noise, "png");
        assertThat(input.length).isGreaterThan(256 * 1024);
        Map<Integer, Long> inferBefore = GatewayFixtures.kafka().endOffsets(Topics.INFER_JOBS);

        Response submitted = upload(KEY, "noise.png", input, "image/png")
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL).post("/v1/jobs");

        assertThat(submitted.statusCode()).as(submitted.asString()).isEqualTo(202);
        String id = submitted.jsonPath().getString("id");
        InferJobRequested request = Messages.INFER_JOB_REQUESTED.decode(
                GatewayFixtures.kafka().readFrom(Topics.INFER_JOBS, inferBefore).get(0).value());
        assertThat(request.inputBytes()).isNull();
        assertThat(request.inputKey()).isEqualTo(ObjectKeys.input("local", id));
        assertThat(GatewayFixtures.stack().objectStore().get(Buckets.DATA, request.inputKey())).isEqualTo(input);
    }

    @Test
    void superResolveJobFromUploadToResult() throws Exception {
        byte[] input = TestImages.png(64, 48);
        Map<Integer, Long> inferBefore = GatewayFixtures.kafka().endOffsets(Topics.INFER_JOBS);
        Map<Integer, Long> eventsBefore = GatewayFixtures.kafka().endOffsets(Topics.JOB_EVENTS);

        Response submitted = upload(KEY, "photo.png", input, "image/png")
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL)
                .post("/v1/jobs");

        assertThat(submitted.statusCode()).as(submitted.asString()).isEqualTo(202);
        String id = submitted.jsonPath().getString("id");
        assertThat(id).matches("[A-Za-z0-9_-]{1,64}");
        assertThat(submitted.header("Location")).endsWith("/v1/jobs/" + id);
        assertThat(submitted.jsonPath().getString("state")).isEqualTo("QUEUED");
        assertThat(submitted.header("Server-Timing")).matches(
                "validate;dur=[0-9.]+, store;dur=[0-9.]+, enqueue;dur=[0-9.]+");
        assertThat(submitted.jsonPath().getString("task")).isEqualTo("super-resolve");
        assertThat(submitted.jsonPath().getString("model")).isEqualTo(SR_MODEL);

        // Exactly one request on the infer topic, valid against its schema, pointing at the upload.
        List<ConsumerRecord<String, byte[]>> requests = GatewayFixtures.kafka().readFrom(Topics.INFER_JOBS, inferBefore);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).key()).isEqualTo(id);
        InferJobRequested request = Messages.INFER_JOB_REQUESTED.decode(requests.get(0).value());
        assertThat(request.jobId()).isEqualTo(id);
        assertThat(request.tenant()).isEqualTo("local");
        assertThat(request.task()).isEqualTo("super-resolve");
        assertThat(request.model()).isEqualTo(SR_MODEL);
        assertThat(request.outputFormat()).isEqualTo("png");
        // A small input travels inside the request (stylefleet.api.inline-input-max-bytes) and is not stored.
        assertThat(request.inputBytes()).isEqualTo(input);
        assertThat(request.inputKey()).isNull();
        assertThat(GatewayFixtures.stack().objectStore().find(Buckets.DATA, ObjectKeys.input("local", id))).isEmpty();

        // And its QUEUED event, keyed by the job id.
        List<ConsumerRecord<String, byte[]>> events = GatewayFixtures.kafka().readFrom(Topics.JOB_EVENTS, eventsBefore);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).key()).isEqualTo(id);
        JobEvent queued = Messages.JOB_EVENT.decode(events.get(0).value());
        assertThat(queued.state()).isEqualTo(JobState.QUEUED);
        assertThat(queued.tenant()).isEqualTo("local");
        // It carries the submission, so any replica learns the whole job from this one event.
        assertThat(queued.request()).isNotNull();
        assertThat(queued.request().task()).isEqualTo("super-resolve");
        assertThat(queued.request().model()).isEqualTo(SR_MODEL);

        Response get = as(KEY).get("/v1/jobs/" + id);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.jsonPath().getString("state")).isEqualTo("QUEUED");
        assertThat(get.jsonPath().getString("createdAt")).isNotBlank();
        assertThat(get.jsonPath().getString("result")).isNull();

        Response early = as(KEY).get("/v1/jobs/" + id + "/result");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.jsonPath().getString("error.code")).isEqualTo("JOB_NOT_FINISHED");

        // Play the worker: result object first, then RUNNING and SUCCEEDED on the job's key.
        byte[] output = TestImages.png(256, 192);
        String resultKey = ObjectKeys.result(id, "png");
        GatewayFixtures.stack().objectStore().put(Buckets.DATA, resultKey, output, "image/png");
        JobEvent running = new JobEvent(Messages.SCHEMA_VERSION, id, "local", JobKind.INFER, JobState.RUNNING,
                Instant.now(), "test-worker", null, null, null);
        GatewayFixtures.kafka().send(Topics.JOB_EVENTS, id, Messages.JOB_EVENT.encode(running));
        JobEvent succeeded = new JobEvent(Messages.SCHEMA_VERSION, id, "local", JobKind.INFER, JobState.SUCCEEDED,
                Instant.now(), "test-worker", null, new JobEvent.Result(resultKey, "image/png", 256, 192, null), null);
        GatewayFixtures.kafka().send(Topics.JOB_EVENTS, id, Messages.JOB_EVENT.encode(succeeded));

        Response done = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> as(KEY).get("/v1/jobs/" + id), r -> "SUCCEEDED".equals(r.jsonPath().getString("state")));
        assertThat(done.jsonPath().getInt("result.width")).isEqualTo(256);
        assertThat(done.jsonPath().getInt("result.height")).isEqualTo(192);
        assertThat(done.jsonPath().getString("result.contentType")).isEqualTo("image/png");
        String url = done.jsonPath().getString("result.url");
        assertThat(url).startsWith("http").endsWith("/v1/jobs/" + id + "/result");
        assertThat(done.jsonPath().getString("error")).isNull();

        Response result = as(KEY).get(url);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.contentType()).isEqualTo("image/png");
        assertThat(result.asByteArray()).isEqualTo(output);

        // The other tenant sees nothing of it.
        Response foreign = as(LocalStackResource.OTHER_KEY).get("/v1/jobs/" + id);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.jsonPath().getString("error.code")).isEqualTo("JOB_NOT_FOUND");
        assertThat(as(LocalStackResource.OTHER_KEY).get("/v1/jobs/" + id + "/result").statusCode()).isEqualTo(404);
    }

    @Test
    void failedJobShowsTheWorkersError() throws Exception {
        Response submitted = upload(KEY, "photo.jpg", TestImages.jpeg(40, 30), "image/jpeg")
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL).multiPart("format", "jpeg")
                .post("/v1/jobs");
        assertThat(submitted.statusCode()).as(submitted.asString()).isEqualTo(202);
        String id = submitted.jsonPath().getString("id");

        JobEvent failed = new JobEvent(Messages.SCHEMA_VERSION, id, "local", JobKind.INFER, JobState.FAILED,
                Instant.now(), "test-worker", null, null, null).withError("INFERENCE_FAILED", "model crashed");
        GatewayFixtures.kafka().send(Topics.JOB_EVENTS, id, Messages.JOB_EVENT.encode(failed));

        Response done = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> as(KEY).get("/v1/jobs/" + id), r -> "FAILED".equals(r.jsonPath().getString("state")));
        assertThat(done.jsonPath().getString("error.code")).isEqualTo("INFERENCE_FAILED");
        assertThat(done.jsonPath().getString("error.message")).isEqualTo("model crashed");
        assertThat(done.jsonPath().getString("format")).isEqualTo("jpeg");
        assertThat(done.jsonPath().getString("result")).isNull();
        Response result = as(KEY).get("/v1/jobs/" + id + "/result");
        assertThat(result.statusCode()).isEqualTo(409);
        assertThat(result.jsonPath().getString("error.code")).isEqualTo("JOB_NOT_FINISHED");
    }

    @Test
    void unknownJobIsNotFound() {
        Response r = as(KEY).get("/v1/jobs/0123456789abcdef0123456789abcdef");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.jsonPath().getString("error.code")).isEqualTo("JOB_NOT_FOUND");
    }

    @Test
    void readsNeedAKey() {
        Response none = given().get("/v1/jobs/whatever");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.jsonPath().getString("error.code")).isEqualTo("UNAUTHENTICATED");
        Response wrong = as("wrong-key").get("/v1/jobs/whatever");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.jsonPath().getString("error.code")).isEqualTo("UNAUTHENTICATED");
    }
}
