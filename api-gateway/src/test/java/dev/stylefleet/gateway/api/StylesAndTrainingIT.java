package dev.stylefleet.gateway.api;

import static dev.stylefleet.gateway.api.GatewayFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.gateway.LocalStackResource;
import dev.stylefleet.gateway.SseClient;
import dev.stylefleet.gateway.TestImages;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.schemas.TrainJobRequested;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Datasets, styles and a training job followed live: the test uploads a dataset, starts a style,
 * checks the TrainJobRequested the training worker would get, then plays that worker (progress with
 * losses and a preview, then SUCCEEDED with the model id) while an SSE client watches.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class StylesAndTrainingIT {
    static final String KEY = LocalStackResource.LOCAL_KEY;
    static final String OTHER = LocalStackResource.OTHER_KEY;
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @BeforeAll
    static void models() {
        GatewayFixtures.registerModels();
    }

    @BeforeEach
    void ready() {
        GatewayFixtures.awaitReady();
    }

    static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static void dataset(String name) throws Exception {
        Response r = as(KEY).multiPart("name", name)
                .multiPart("archive", "coco.zip", zip(Map.of("a/one.png", TestImages.png(32, 32), "b/two.jpg",
                        TestImages.jpeg(40, 30), "notes.txt", "hello".getBytes(StandardCharsets.UTF_8),
                        "../../escape.png", TestImages.png(16, 16))), "application/zip")
                .post("/v1/datasets");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
        assertThat(r.jsonPath().getInt("imageCount")).isEqualTo(3);
        assertThat(r.jsonPath().getInt("skipped")).isEqualTo(1);
        assertThat(r.jsonPath().getString("prefix")).isEqualTo(ObjectKeys.dataset("local", name));
    }

    @Test
    void datasetsFromAZipOrFilesAreStoredUnderTheTenantAndListed() throws Exception {
        dataset("zipped");
        List<String> keys = GatewayFixtures.stack().objectStore().list(Buckets.DATA, ObjectKeys.dataset("local", "zipped"));
        assertThat(keys).hasSize(3).allMatch(k -> k.startsWith("datasets/local/zipped/") && !k.contains(".."));

        Response files = as(KEY).multiPart("name", "loose")
                .multiPart("images", "x.png", TestImages.png(20, 20), "image/png")
                .multiPart("images", "y.png", TestImages.truncated(TestImages.png(64, 64), 0.5), "image/png")
                .post("/v1/datasets");
        assertThat(files.statusCode()).as(files.asString()).isEqualTo(201);
        assertThat(files.jsonPath().getInt("imageCount")).isEqualTo(1);
        assertThat(files.jsonPath().getInt("skipped")).isEqualTo(1);

        Response list = as(KEY).get("/v1/datasets");
        assertThat(list.jsonPath().getList("name", String.class)).contains("zipped", "loose");
        assertThat(as(OTHER).get("/v1/datasets").jsonPath().getList("name", String.class)).doesNotContain("zipped", "loose");

        Response empty = as(KEY).multiPart("name", "junk").multiPart("images", "t.txt", "text".getBytes(StandardCharsets.UTF_8),
                "text/plain").post("/v1/datasets");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.jsonPath().getString("error.code")).isEqualTo("DATASET_EMPTY");
        Response badName = as(KEY).multiPart("name", "../x").multiPart("images", "x.png", TestImages.png(8, 8), "image/png")
                .post("/v1/datasets");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(badName.jsonPath().getString("error.field")).isEqualTo("name");
    }

    @Test
    void styleTrainingFromRequestToReadyModelFollowedOverSse() throws Exception {
        dataset("coco-mini");
        java.util.Map<Integer, Long> trainBefore = GatewayFixtures.kafka().endOffsets(Topics.TRAIN_JOBS);
        Response created = as(KEY).multiPart("styleImage", "mosaic.jpg", TestImages.jpeg(600, 400), "image/jpeg")
                .multiPart("name", "Mosaic Tiles").multiPart("dataset", "coco-mini").multiPart("iterations", "40")
                .multiPart("styleWeight", "5e5").multiPart("norm", "instance").multiPart("imageSize", "64")
                .post("/v1/styles");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(202);
        String jobId = created.jsonPath().getString("id");
        String styleId = created.jsonPath().getString("style.id");
        assertThat(created.header("Location")).endsWith("/v1/jobs/" + jobId);
        assertThat(created.jsonPath().getString("kind")).isEqualTo("TRAIN");
        assertThat(styleId).matches("mosaic-tiles-[0-9a-f]{8}");

        List<ConsumerRecord<String, byte[]>> sent = GatewayFixtures.kafka().readFrom(Topics.TRAIN_JOBS, trainBefore);
        assertThat(sent).hasSize(1);
        TrainJobRequested request = Messages.TRAIN_JOB_REQUESTED.decode(sent.get(0).value());
        assertThat(request.jobId()).isEqualTo(jobId);
        assertThat(request.task()).isEqualTo("style");
        assertThat(request.modelId()).isEqualTo(styleId);
        assertThat(request.datasetPrefix()).isEqualTo("datasets/local/coco-mini/");
        assertThat(request.params().iterations()).isEqualTo(40);
        assertThat(request.params().styleWeight()).isEqualTo(5e5);
        assertThat(request.params().norm()).isEqualTo("instance");
        assertThat(GatewayFixtures.stack().objectStore().exists(Buckets.DATA, request.styleImageKey())).isTrue();

        Response style = as(KEY).get("/v1/styles/" + styleId);
        assertThat(style.jsonPath().getString("state")).isEqualTo("TRAINING");
        assertThat(style.jsonPath().getString("name")).isEqualTo("Mosaic Tiles");
        Response thumb = as(KEY).get("/v1/styles/" + styleId + "/thumbnail");
        assertThat(thumb.statusCode()).isEqualTo(200);
        java.awt.image.BufferedImage t = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(thumb.asByteArray()));
        assertThat(Math.max(t.getWidth(), t.getHeight())).isEqualTo(256);
        assertThat(as(OTHER).get("/v1/styles/" + styleId).statusCode()).isEqualTo(404);
        assertThat(as(OTHER).get("/v1/styles").jsonPath().getList("id", String.class)).doesNotContain(styleId);
        assertThat(as(KEY).get("/v1/jobs/" + jobId + "/preview").jsonPath().getString("error.code")).isEqualTo("NO_PREVIEW");

        SseClient sse = SseClient.open(RestAssured.baseURI + ":" + RestAssured.port + "/v1/jobs/" + jobId + "/events", KEY);
        SseClient.Event first = sse.next(PATIENCE);
        assertThat(first.name()).isEqualTo("state");
        assertThat(first.data()).contains("\"state\":\"QUEUED\"", jobId);
        assertThat(sse.contentType()).startsWith("text/event-stream");

        // Play the training worker.
        byte[] preview = TestImages.png(64, 64);
        GatewayFixtures.stack().objectStore().put(Buckets.DATA, ObjectKeys.preview(jobId, 20), preview, "image/png");
        send(event(jobId, JobState.RUNNING));
        send(event(jobId, JobState.RUNNING).withProgress(new JobEvent.Progress(10, 40, Map.of("style", 9.5, "total", 12.0),
                3.0, 10.0, null)));
        send(event(jobId, JobState.RUNNING).withProgress(new JobEvent.Progress(20, 40, Map.of("style", 7.5, "total", 9.0),
                3.1, 6.5, ObjectKeys.preview(jobId, 20))));

        assertThat(nextNamed(sse, "state").data()).contains("\"state\":\"RUNNING\"");
        // Usually one progress event per report; a report may be folded in together with a later one.
        SseClient.Event progress = nextNamed(sse, "progress");
        if (!progress.data().contains("\"step\":20")) {
            assertThat(progress.data()).contains("\"step\":10", "\"totalSteps\":40", "\"style\":9.5");
            progress = nextNamed(sse, "progress");
        }
        assertThat(progress.data()).contains("\"step\":20", "\"totalSteps\":40", "\"previewUrl\":",
                "/v1/jobs/" + jobId + "/preview");

        Response previewGet = as(KEY).get("/v1/jobs/" + jobId + "/preview");
        assertThat(previewGet.statusCode()).isEqualTo(200);
        assertThat(previewGet.contentType()).isEqualTo("image/png");
        assertThat(previewGet.asByteArray()).isEqualTo(preview);

        send(event(jobId, JobState.SUCCEEDED).withResult(new JobEvent.Result(null, null, null, null, styleId)));
        SseClient.Event done = nextNamed(sse, "state");
        assertThat(done.data()).contains("\"state\":\"SUCCEEDED\"", "\"modelId\":\"" + styleId + "\"");
        assertThat(sse.awaitEnd(PATIENCE)).isTrue();

        Response job = as(KEY).get("/v1/jobs/" + jobId);
        assertThat(job.jsonPath().getList("lossHistory.step", Long.class)).containsExactly(10L, 20L);
        assertThat(job.jsonPath().getDouble("lossHistory[1].losses.total")).isEqualTo(9.0);
        assertThat(job.jsonPath().getString("result.modelId")).isEqualTo(styleId);
        assertThat(as(KEY).get("/v1/styles/" + styleId).jsonPath().getString("state")).isEqualTo("READY");
        assertThat(as(KEY).get("/v1/styles/" + styleId).jsonPath().getString("modelId")).isEqualTo(styleId);
        Response result = as(KEY).get("/v1/jobs/" + jobId + "/result");
        assertThat(result.statusCode()).isEqualTo(409);
        assertThat(result.jsonPath().getString("error.code")).isEqualTo("NO_IMAGE_RESULT");

        // A stream opened on a finished job sends its state and ends.
        SseClient late = SseClient.open(RestAssured.baseURI + ":" + RestAssured.port + "/v1/jobs/" + jobId + "/events", KEY);
        assertThat(late.awaitEnd(PATIENCE)).isTrue();
        assertThat(late.remaining()).extracting(SseClient.Event::name).containsExactly("state", "progress");
    }

    @Test
    void styleRefusals() {
        Response noDataset = as(KEY).multiPart("styleImage", "s.png", TestImages.png(64, 64), "image/png")
                .multiPart("name", "x").multiPart("dataset", "never-uploaded").post("/v1/styles");
        assertThat(noDataset.statusCode()).isEqualTo(400);
        assertThat(noDataset.jsonPath().getString("error.code")).isEqualTo("UNKNOWN_DATASET");
        assertThat(noDataset.jsonPath().getString("error.field")).isEqualTo("dataset");

        Response badParam = as(KEY).multiPart("styleImage", "s.png", TestImages.png(64, 64), "image/png")
                .multiPart("name", "x").multiPart("dataset", "coco-mini").multiPart("norm", "group").post("/v1/styles");
        assertThat(badParam.statusCode()).isEqualTo(400);
        assertThat(badParam.jsonPath().getString("error.field")).isEqualTo("norm");
        assertThat(badParam.jsonPath().getString("error.message")).contains("batch", "instance");

        Response text = as(KEY).multiPart("styleImage", "s.png", "not an image".getBytes(StandardCharsets.UTF_8), "image/png")
                .multiPart("name", "x").multiPart("dataset", "coco-mini").post("/v1/styles");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.jsonPath().getString("error.field")).isEqualTo("styleImage");
        assertThat(text.jsonPath().getString("error.message")).startsWith("styleImage:");

        Response missing = as(KEY).multiPart("name", "x").multiPart("dataset", "coco-mini").post("/v1/styles");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.jsonPath().getString("error.field")).isEqualTo("styleImage");
        assertThat(as(KEY).get("/v1/styles/nope-00000000").jsonPath().getString("error.code")).isEqualTo("STYLE_NOT_FOUND");
    }

    @Test
    void modelsListBuiltinsAndOwnAndImportValidatesTheFile() {
        List<String> mine = as(KEY).get("/v1/models").jsonPath().getList("id", String.class);
        assertThat(mine).contains(GatewayFixtures.SR_MODEL, GatewayFixtures.STYLE_MODEL).doesNotContain(GatewayFixtures.PRIVATE_MODEL);
        assertThat(as(OTHER).get("/v1/models").jsonPath().getList("id", String.class)).contains(GatewayFixtures.PRIVATE_MODEL);
        Response builtin = as(KEY).get("/v1/models");
        assertThat(builtin.jsonPath().getBoolean("find { it.id == 'bicubic-x4' }.builtin")).isTrue();
        assertThat(builtin.jsonPath().getInt("find { it.id == 'bicubic-x4' }.scale")).isEqualTo(4);

        String id = "imported-" + Long.toHexString(System.nanoTime());
        Response ok = as(KEY).multiPart("file", "m.onnx", ModelImportCheckTest.valid(), "application/octet-stream")
                .multiPart("task", "stylize").multiPart("id", id).post("/v1/models");
        assertThat(ok.statusCode()).as(ok.asString()).isEqualTo(201);
        assertThat(ok.jsonPath().getBoolean("builtin")).isFalse();
        assertThat(as(KEY).get("/v1/models").jsonPath().getList("id", String.class)).contains(id);
        assertThat(as(OTHER).get("/v1/models").jsonPath().getList("id", String.class)).doesNotContain(id);

        Response taken = as(OTHER).multiPart("file", "m.onnx", ModelImportCheckTest.valid(), "application/octet-stream")
                .multiPart("task", "stylize").multiPart("id", id).post("/v1/models");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.jsonPath().getString("error.code")).isEqualTo("MODEL_ID_TAKEN");

        // Any input name and a fixed size (torch.onnx.export without input_names or dynamic_axes).
        Response torch = as(KEY).multiPart("file", "m.onnx", ModelImportCheckTest.torchNamedFixedSize(),
                "application/octet-stream").multiPart("task", "stylize").multiPart("id", id + "-torch").post("/v1/models");
        assertThat(torch.statusCode()).as(torch.asString()).isEqualTo(201);

        // Valid protobuf that ONNX Runtime cannot load: refused, and nothing stored.
        Response unloadable = as(KEY).multiPart("file", "m.onnx", ModelImportCheckTest.unknownOp(),
                "application/octet-stream").multiPart("task", "stylize").multiPart("id", id + "-b").post("/v1/models");
        assertThat(unloadable.statusCode()).isEqualTo(400);
        assertThat(unloadable.jsonPath().getString("error.code")).isEqualTo("MODEL_INVALID");
        assertThat(unloadable.jsonPath().getString("error.field")).isEqualTo("file");
        assertThat(unloadable.jsonPath().getString("error.message")).startsWith("file: ").contains("FancyStyle");
        // An x4 upscaler imported as x2: the probe's output size gives it away.
        Response wrongScale = as(KEY).multiPart("file", "m.onnx", ModelImportCheckTest.upscaling(4),
                "application/octet-stream").multiPart("task", "super-resolve").multiPart("scale", "2")
                .multiPart("id", id + "-x2").post("/v1/models");
        assertThat(wrongScale.statusCode()).isEqualTo(400);
        assertThat(wrongScale.jsonPath().getString("error.code")).isEqualTo("MODEL_INVALID");
        assertThat(wrongScale.jsonPath().getString("error.field")).isEqualTo("scale");
        assertThat(wrongScale.jsonPath().getString("error.message")).contains("upscaling by 4");
        assertThat(as(KEY).get("/v1/models").jsonPath().getList("id", String.class))
                .contains(id + "-torch").doesNotContain(id + "-b", id + "-x2");
        Response scale = as(KEY).multiPart("file", "m.onnx", ModelImportCheckTest.valid(), "application/octet-stream")
                .multiPart("task", "super-resolve").multiPart("scale", "5").multiPart("id", id + "-c").post("/v1/models");
        assertThat(scale.statusCode()).isEqualTo(400);
        assertThat(scale.jsonPath().getString("error.field")).isEqualTo("scale");
    }

    static JobEvent event(String id, JobState state) {
        return new JobEvent(Messages.SCHEMA_VERSION, id, "local", JobKind.TRAIN, state, Instant.now(), "test-trainer",
                null, null, null);
    }

    static void send(JobEvent e) throws Exception {
        GatewayFixtures.kafka().send(Topics.JOB_EVENTS, e.jobId(), Messages.JOB_EVENT.encode(e));
    }

    static SseClient.Event nextNamed(SseClient sse, String name) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            SseClient.Event e = sse.next(PATIENCE);
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no " + name + " event within " + PATIENCE);
    }
}
