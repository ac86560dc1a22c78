package dev.stylefleet.gateway.api;

import static dev.stylefleet.gateway.api.GatewayFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.gateway.LocalStackResource;
import dev.stylefleet.gateway.TestImages;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.schemas.TrainJobRequested;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Super-resolution training through the API ({@code POST /v1/upscalers}) against the real broker and S3
 * server: the TrainJobRequested the training worker gets (task super-resolve, the parameters as sent), the
 * job followed while the test plays the worker, that it is an upscaler and never a style, the id and
 * idempotency rules, and every refusal with its code and field, with nothing queued.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class UpscalerTrainingIT {
    static final String KEY = LocalStackResource.LOCAL_KEY;
    static final String OTHER = LocalStackResource.OTHER_KEY;
    static final String DATASET = "sr-photos";

    @BeforeAll
    static void models() {
        GatewayFixtures.registerModels();
    }

    @BeforeEach
    void ready() {
        GatewayFixtures.awaitReady();
        for (String apiKey : List.of(KEY, OTHER)) {
            Response r = as(apiKey).multiPart("name", DATASET)
                    .multiPart("images", "a.png", TestImages.png(40, 40), "image/png")
                    .multiPart("images", "b.jpg", TestImages.jpeg(48, 32), "image/jpeg")
                    .post("/v1/datasets");
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
        }
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime());
    }

    /** A complete, valid request for model {@code name}, except for what the caller adds or overrides. */
    static RequestSpecification upscaler(String apiKey, String name) {
        return as(apiKey).multiPart("name", name).multiPart("dataset", DATASET).multiPart("scale", "4");
    }

    @Test
    void trainingFromRequestToPublishedModelIsAnUpscalerNotAStyle() throws Exception {
        String name = uniqueName("sr-it");
        Map<Integer, Long> before = GatewayFixtures.kafka().endOffsets(Topics.TRAIN_JOBS);
        Response created = upscaler(KEY, name).multiPart("iterations", "40").multiPart("imageSize", "64")
                .multiPart("loss", "pixel").multiPart("pixelNorm", "l1").multiPart("skip", "bicubic")
                .multiPart("upsample", "subpixel").multiPart("norm", "none").multiPart("output", "linear")
                .multiPart("lrDecay", "cosine").multiPart("degradation", "bicubic").multiPart("progressEvery", "10")
                .post("/v1/upscalers");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(202);
        String jobId = created.jsonPath().getString("id");
        assertThat(created.header("Location")).endsWith("/v1/jobs/" + jobId);
        assertThat(created.jsonPath().getString("kind")).isEqualTo("TRAIN");
        assertThat(created.jsonPath().getString("task")).isEqualTo("super-resolve");
        assertThat(created.jsonPath().getString("state")).isEqualTo("QUEUED");
        assertThat(created.jsonPath().getString("upscaler.id")).isEqualTo(name);
        assertThat(created.jsonPath().getString("upscaler.dataset")).isEqualTo(DATASET);
        assertThat(created.jsonPath().getString("style")).isNull();

        List<ConsumerRecord<String, byte[]>> sent = GatewayFixtures.kafka().readFrom(Topics.TRAIN_JOBS, before);
        assertThat(sent).hasSize(1);
        TrainJobRequested request = Messages.TRAIN_JOB_REQUESTED.decode(sent.get(0).value());
        assertThat(request.jobId()).isEqualTo(jobId);
        assertThat(request.task()).isEqualTo(TrainJobRequested.TASK_SUPER_RESOLVE);
        assertThat(request.modelId()).isEqualTo(name);
        assertThat(request.styleImageKey()).isNull();
        assertThat(request.datasetPrefix()).isEqualTo("datasets/local/" + DATASET + "/");
        assertThat(request.params().scale()).isEqualTo(4);
        assertThat(request.params().iterations()).isEqualTo(40);
        assertThat(request.params().imageSize()).isEqualTo(64);
        assertThat(request.params().loss()).isEqualTo("pixel");
        assertThat(request.params().pixelNorm()).isEqualTo("l1");
        assertThat(request.params().skip()).isEqualTo("bicubic");
        assertThat(request.params().upsample()).isEqualTo("subpixel");
        assertThat(request.params().norm()).isEqualTo("none");
        assertThat(request.params().output()).isEqualTo("linear");
        assertThat(request.params().lrDecay()).isEqualTo("cosine");
        assertThat(request.params().degradation()).isEqualTo("bicubic");
        assertThat(request.params().progressEvery()).isEqualTo(10);

        assertThat(as(KEY).get("/v1/styles").jsonPath().getList("id", String.class)).doesNotContain(name);
        assertThat(as(KEY).get("/v1/styles/" + name).statusCode()).isEqualTo(404);
        Response listed = as(KEY).get("/v1/upscalers");
        assertThat(listed.jsonPath().getString("find { it.id == '" + name + "' }.state")).isEqualTo("TRAINING");
        assertThat(listed.jsonPath().getString("find { it.id == '" + name + "' }.jobId")).isEqualTo(jobId);
        assertThat(as(OTHER).get("/v1/upscalers").jsonPath().getList("id", String.class)).doesNotContain(name);
        assertThat(as(OTHER).get("/v1/jobs/" + jobId).statusCode()).isEqualTo(404);

        // Play the training worker.
        send(event(jobId, JobState.RUNNING).withProgress(new JobEvent.Progress(10, 40,
                Map.of("pixel", 21.5, "tv", 0.5, "total", 22.0), 2.0, 15.0, null)));
        send(event(jobId, JobState.RUNNING).withProgress(new JobEvent.Progress(20, 40,
                Map.of("pixel", 11.0, "tv", 0.4, "total", 11.4), 2.1, 9.5, null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> as(KEY).get("/v1/jobs/" + jobId).jsonPath()
                .getList("lossHistory.step", Long.class).size() == 2);
        Response running = as(KEY).get("/v1/jobs/" + jobId);
        assertThat(running.jsonPath().getString("state")).isEqualTo("RUNNING");
        assertThat(running.jsonPath().getLong("progress.step")).isEqualTo(20);
        assertThat(running.jsonPath().getDouble("progress.losses.pixel")).isEqualTo(11.0);
        assertThat(running.jsonPath().getList("lossHistory.step", Long.class)).containsExactly(10L, 20L);

        send(event(jobId, JobState.SUCCEEDED).withResult(new JobEvent.Result(null, null, null, null, name)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SUCCEEDED".equals(as(KEY).get("/v1/jobs/" + jobId).jsonPath().getString("state")));
        Response done = as(KEY).get("/v1/jobs/" + jobId);
        assertThat(done.jsonPath().getString("result.modelId")).isEqualTo(name);
        assertThat(done.jsonPath().getString("upscaler.id")).isEqualTo(name);
        Response ready = as(KEY).get("/v1/upscalers");
        assertThat(ready.jsonPath().getString("find { it.id == '" + name + "' }.state")).isEqualTo("READY");
        assertThat(ready.jsonPath().getString("find { it.id == '" + name + "' }.modelId")).isEqualTo(name);
        assertThat(as(KEY).get("/v1/styles").jsonPath().getList("id", String.class)).doesNotContain(name);

        // The name is the model's id: a second job for it is refused, by any tenant.
        Response again = upscaler(OTHER, name).post("/v1/upscalers");
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(409);
        assertThat(again.jsonPath().getString("error.code")).isEqualTo("MODEL_ID_TAKEN");
        assertThat(again.jsonPath().getString("error.field")).isEqualTo("name");
    }

    @Test
    void anIdempotencyKeyAnswersTheSameJobAndRefusesAnotherBody() throws Exception {
        String name = uniqueName("sr-idem");
        String key = "sr-" + name;
        Map<Integer, Long> before = GatewayFixtures.kafka().endOffsets(Topics.TRAIN_JOBS);
        Response first = upscaler(KEY, name).header(IdempotencyKeys.HEADER, key).multiPart("iterations", "5")
                .post("/v1/upscalers");
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(202);
        // The same request again: same job, nothing new queued, although the model id is now a job's.
        Response second = upscaler(KEY, name).header(IdempotencyKeys.HEADER, key).multiPart("iterations", "5")
                .post("/v1/upscalers");
        assertThat(second.statusCode()).as(second.asString()).isEqualTo(202);
        assertThat(second.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        Response other = upscaler(KEY, name).header(IdempotencyKeys.HEADER, key).multiPart("iterations", "6")
                .post("/v1/upscalers");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.jsonPath().getString("error.code")).isEqualTo("IDEMPOTENCY_CONFLICT");
        assertThat(GatewayFixtures.kafka().readFrom(Topics.TRAIN_JOBS, before)).hasSize(1);

        // Without the key the same name is taken by the running job.
        Response unkeyed = upscaler(KEY, name).multiPart("iterations", "5").post("/v1/upscalers");
        assertThat(unkeyed.statusCode()).isEqualTo(409);
        assertThat(unkeyed.jsonPath().getString("error.code")).isEqualTo("MODEL_ID_TAKEN");

        // A failed job frees its name.
        send(event(first.jsonPath().getString("id"), JobState.FAILED).withError("DATASET_UNUSABLE", "no images"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(
                as(KEY).get("/v1/jobs/" + first.jsonPath().getString("id")).jsonPath().getString("state")));
        Response retry = upscaler(KEY, name).multiPart("iterations", "5").post("/v1/upscalers");
        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(202);
    }

    @Test
    void aUrlEncodedFormIsAcceptedToo() {
        String name = uniqueName("sr-form");
        Response r = as(KEY).formParam("name", name).formParam("dataset", DATASET).formParam("scale", "8")
                .formParam("imageSize", "96").post("/v1/upscalers");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        assertThat(r.jsonPath().getString("upscaler.id")).isEqualTo(name);
    }

    @Test
    void refusalsNameTheFieldAndQueueNothing() {
        Map<Integer, Long> before = GatewayFixtures.kafka().endOffsets(Topics.TRAIN_JOBS);
        String name = uniqueName("sr-bad");
        refused(as(KEY).multiPart("dataset", DATASET).multiPart("scale", "4"), 400, "MISSING_FIELD", "name");
        refused(upscaler(KEY, "Not An Id"), 400, "INVALID_FIELD", "name");
        refused(as(KEY).multiPart("name", name).multiPart("scale", "4"), 400, "MISSING_FIELD", "dataset");
        refused(as(KEY).multiPart("name", name).multiPart("dataset", DATASET), 400, "MISSING_FIELD", "scale");
        refused(as(KEY).multiPart("name", name).multiPart("dataset", DATASET).multiPart("scale", "2"), 400,
                "INVALID_FIELD", "scale");
        refused(upscaler(KEY, name).multiPart("skip", "residual"), 400, "INVALID_FIELD", "skip");
        refused(upscaler(KEY, name).multiPart("degradation", "jpeg"), 400, "INVALID_FIELD", "degradation");
        refused(upscaler(KEY, name).multiPart("pixelNorm", "l3"), 400, "INVALID_FIELD", "pixelNorm");
        refused(upscaler(KEY, name).multiPart("imageSize", "66"), 400, "INVALID_FIELD", "imageSize");
        refused(as(KEY).multiPart("name", name).multiPart("dataset", "never-uploaded").multiPart("scale", "4"), 400,
                "UNKNOWN_DATASET", "dataset");
        refused(upscaler(KEY, name).multiPart("initFrom", "no-such-model"), 400, "UNKNOWN_MODEL", "initFrom");
        refused(upscaler(KEY, name).multiPart("initFrom", GatewayFixtures.PRIVATE_MODEL), 400, "UNKNOWN_MODEL",
                "initFrom");
        refused(upscaler(KEY, name).multiPart("initFrom", GatewayFixtures.STYLE_MODEL), 400, "MODEL_TASK_MISMATCH",
                "initFrom");
        refused(as(KEY).multiPart("name", name).multiPart("dataset", DATASET).multiPart("scale", "8")
                .multiPart("initFrom", GatewayFixtures.SR_MODEL), 400, "MODEL_TASK_MISMATCH", "initFrom");
        refused(upscaler(KEY, GatewayFixtures.SR_MODEL), 409, "MODEL_ID_TAKEN", "name");
        assertThat(as(KEY).multiPart("name", name).post("/v1/upscalers").jsonPath().getString("error.field"))
                .isEqualTo("dataset");
        assertThat(GatewayFixtures.kafka().readFrom(Topics.TRAIN_JOBS, before)).isEmpty();
    }

    @Test
    void styleTrainingTakesTheNewParametersToo() {
        Map<Integer, Long> before = GatewayFixtures.kafka().endOffsets(Topics.TRAIN_JOBS);
        Response bad = as(KEY).multiPart("styleImage", "s.png", TestImages.png(64, 64), "image/png")
                .multiPart("name", "x").multiPart("dataset", DATASET).multiPart("lrDecay", "step").post("/v1/styles");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.jsonPath().getString("error.field")).isEqualTo("lrDecay");
        assertThat(bad.jsonPath().getString("error.message")).contains("none, cosine");

        Response ok = as(KEY).multiPart("styleImage", "s.png", TestImages.png(64, 64), "image/png")
                .multiPart("name", "Cosine").multiPart("dataset", DATASET).multiPart("lrDecay", "cosine")
                .multiPart("output", "tanh150").multiPart("styleWeight", "7").post("/v1/styles");
        assertThat(ok.statusCode()).as(ok.asString()).isEqualTo(202);
        assertThat(ok.jsonPath().getString("style.name")).isEqualTo("Cosine");
        assertThat(ok.jsonPath().getString("upscaler")).isNull();
        TrainJobRequested request = Messages.TRAIN_JOB_REQUESTED.decode(
                GatewayFixtures.kafka().readFrom(Topics.TRAIN_JOBS, before).get(0).value());
        assertThat(request.task()).isEqualTo("style");
        assertThat(request.params().lrDecay()).isEqualTo("cosine");
        assertThat(request.params().output()).isEqualTo("tanh150");
        assertThat(request.params().styleWeight()).isEqualTo(7.0);
    }

    private static void refused(RequestSpecification request, int status, String code, String field) {
        Response r = request.post("/v1/upscalers");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.jsonPath().getString("error.code")).as(r.asString()).isEqualTo(code);
        assertThat(r.jsonPath().getString("error.field")).as(r.asString()).isEqualTo(field);
        assertThat(r.jsonPath().getString("error.message")).startsWith(field + ":");
    }

    static JobEvent event(String id, JobState state) {
        return new JobEvent(Messages.SCHEMA_VERSION, id, "local", JobKind.TRAIN, state, Instant.now(), "test-trainer",
                null, null, null);
    }

    static void send(JobEvent e) throws Exception {
        GatewayFixtures.kafka().send(Topics.JOB_EVENTS, e.jobId(), Messages.JOB_EVENT.encode(e));
    }
}
