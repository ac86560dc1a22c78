package dev.stylefleet.gateway.api;

import static dev.stylefleet.gateway.api.GatewayFixtures.SR_MODEL;
import static dev.stylefleet.gateway.api.GatewayFixtures.STYLE_MODEL;
import static dev.stylefleet.gateway.api.GatewayFixtures.as;
import static dev.stylefleet.gateway.api.GatewayFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.gateway.LocalStackResource;
import dev.stylefleet.gateway.TestImages;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.CancelRequested;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.platform.storage.StoredObject;
import dev.stylefleet.schemas.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job endpoints beyond submit-and-get, against the real broker and S3 server: options, listing,
 * cancelling, idempotency keys, presigned uploads, results and errors of training jobs.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class JobApiIT {
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

    static String submit(String apiKey) {
        Response r = upload(apiKey, "photo.png", TestImages.png(24, 16), "image/png")
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL).post("/v1/jobs");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        return r.jsonPath().getString("id");
    }

    static void send(JobEvent e) throws Exception {
        GatewayFixtures.kafka().send(Topics.JOB_EVENTS, e.jobId(), Messages.JOB_EVENT.encode(e));
    }

    static JobEvent event(String id, String tenant, JobKind kind, JobState state) {
        return new JobEvent(Messages.SCHEMA_VERSION, id, tenant, kind, state, Instant.now(), "test-worker", null, null, null);
    }

    static Response awaitState(String apiKey, String id, String state) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> as(apiKey).get("/v1/jobs/" + id), r -> state.equals(r.jsonPath().getString("state")));
    }

    @Test
    void optionsReachTheWorkerAndShowOnTheJob() {
        Map<Integer, Long> before = GatewayFixtures.kafka().endOffsets(Topics.INFER_JOBS);
        Response r = upload(KEY, "photo.png", TestImages.png(32, 32), "image/png").multiPart("task", "stylize")
                .multiPart("model", STYLE_MODEL).multiPart("format", "jpeg").multiPart("maxSide", "512")
                .multiPart("preserveColor", "true").multiPart("strength", "0.75").multiPart("histogramMatch", "false")
                .multiPart("quality", "85").post("/v1/jobs");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        assertThat(r.jsonPath().getInt("options.maxSide")).isEqualTo(512);
        List<ConsumerRecord<String, byte[]>> sent = GatewayFixtures.kafka().readFrom(Topics.INFER_JOBS, before);
        assertThat(sent).hasSize(1);
        InferJobRequested request = Messages.INFER_JOB_REQUESTED.decode(sent.get(0).value());
        assertThat(request.options().maxSide()).isEqualTo(512);
        assertThat(request.options().preserveColor()).isTrue();
        assertThat(request.options().strength()).isEqualTo(0.75);
        assertThat(request.options().histogramMatch()).isFalse();
        assertThat(request.options().quality()).isEqualTo(85);
        assertThat(request.outputFormat()).isEqualTo("jpeg");
    }

    @Test
    void badOptionsAreRefusedNamingTheField() {
        for (String[] bad : new String[][] {{"strength", "1.5"}, {"quality", "0"}, {"maxSide", "big"},
                {"preserveColor", "maybe"}}) {
            Response r = upload(KEY, "photo.png", TestImages.png(8, 8), "image/png").multiPart("task", "super-resolve")
                    .multiPart("model", SR_MODEL).multiPart(bad[0], bad[1]).post("/v1/jobs");
            assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(r.jsonPath().getString("error.code")).isEqualTo("INVALID_FIELD");
            assertThat(r.jsonPath().getString("error.field")).isEqualTo(bad[0]);
            assertThat(r.jsonPath().getString("error.message")).startsWith(bad[0] + ":").contains("allowed");
        }
    }

    @Test
    void listShowsTheTenantsJobsNewestFirstByPageAndState() throws Exception {
        String first = submit(KEY);
        String second = submit(KEY);
        String third = submit(KEY);
        String foreign = submit(OTHER);
        send(event(second, "local", JobKind.INFER, JobState.FAILED).withError("INFERENCE_FAILED", "x"));
        awaitState(KEY, second, "FAILED");

        Response page1 = as(KEY).queryParam("size", 2).get("/v1/jobs");
        assertThat(page1.statusCode()).isEqualTo(200);
        assertThat(page1.jsonPath().getList("items.id", String.class)).containsExactly(third, second);
        assertThat(page1.jsonPath().getInt("page")).isEqualTo(1);
        assertThat(page1.jsonPath().getInt("size")).isEqualTo(2);
        long total = page1.jsonPath().getLong("total");
        assertThat(total).isGreaterThanOrEqualTo(3);
        Response page2 = as(KEY).queryParam("size", 2).queryParam("page", 2).get("/v1/jobs");
        assertThat(page2.jsonPath().getList("items.id", String.class)).startsWith(first);

        List<String> failed = as(KEY).queryParam("state", "failed").queryParam("size", 100).get("/v1/jobs")
                .jsonPath().getList("items.id", String.class);
        assertThat(failed).contains(second).doesNotContain(first, third);
        List<String> all = as(KEY).queryParam("size", 100).get("/v1/jobs").jsonPath().getList("items.id", String.class);
        assertThat(all).doesNotContain(foreign);
        assertThat(as(OTHER).queryParam("size", 100).get("/v1/jobs").jsonPath().getList("items.id", String.class))
                .contains(foreign).doesNotContain(first, second, third);

        Response bad = as(KEY).queryParam("size", 1000).get("/v1/jobs");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.jsonPath().getString("error.field")).isEqualTo("size");
        assertThat(as(KEY).queryParam("state", "DONE").get("/v1/jobs").jsonPath().getString("error.field")).isEqualTo("state");
    }

    @Test
    void cancellingAQueuedInferenceJobEndsItCancelled() throws Exception {
        String id = submit(KEY);
        Map<Integer, Long> cancelsBefore = GatewayFixtures.kafka().endOffsets(Topics.CANCELS);

        Response foreign = as(OTHER).delete("/v1/jobs/" + id);
        assertThat(foreign.statusCode()).isEqualTo(404);

        Response r = as(KEY).delete("/v1/jobs/" + id);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        assertThat(r.jsonPath().getString("id")).isEqualTo(id);
        awaitState(KEY, id, "CANCELLED");
        List<ConsumerRecord<String, byte[]>> cancels = GatewayFixtures.kafka().readFrom(Topics.CANCELS, cancelsBefore);
        assertThat(cancels).extracting(c -> Messages.CANCEL_REQUESTED.decode(c.value())).extracting(CancelRequested::jobId)
                .contains(id);

        // A worker that picks the job up afterwards cannot revive it.
        send(event(id, "local", JobKind.INFER, JobState.RUNNING));
        send(event(id, "local", JobKind.INFER, JobState.SUCCEEDED).withResult(new JobEvent.Result("results/" + id + "/result.png",
                "image/png", 4, 4, null)));
        String marker = submit(KEY); // read after those events: once it is visible, they have been folded
        assertThat(as(KEY).get("/v1/jobs/" + marker).statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> as(KEY).get("/v1/jobs/" + id).jsonPath().getString("state") != null);
        assertThat(as(KEY).get("/v1/jobs/" + id).jsonPath().getString("state")).isEqualTo("CANCELLED");

        Response again = as(KEY).delete("/v1/jobs/" + id);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.jsonPath().getString("error.code")).isEqualTo("JOB_ALREADY_FINISHED");
    }

    @Test
    void sameIdempotencyKeyAndBodyGiveTheSameJobAndAnotherBodyConflicts() {
        String key = UUID.randomUUID().toString();
        byte[] image = TestImages.png(20, 20);
        Map<Integer, Long> before = GatewayFixtures.kafka().endOffsets(Topics.INFER_JOBS);
        Response first = upload(KEY, "a.png", image, "image/png").header("Idempotency-Key", key)
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL).post("/v1/jobs");
        Response second = upload(KEY, "a.png", image, "image/png").header("Idempotency-Key", key)
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL).post("/v1/jobs");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.jsonPath().getString("id")).isEqualTo(first.jsonPath().getString("id"));
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(GatewayFixtures.kafka().readFrom(Topics.INFER_JOBS, before)).hasSize(1);

        Response other = upload(KEY, "a.png", TestImages.png(21, 20), "image/png").header("Idempotency-Key", key)
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL).post("/v1/jobs");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.jsonPath().getString("error.code")).isEqualTo("IDEMPOTENCY_CONFLICT");
        assertThat(other.jsonPath().getString("error.field")).isEqualTo("Idempotency-Key");

        // Keys are per tenant: the other tenant's request with the same key is a new job.
        Response foreign = upload(OTHER, "a.png", image, "image/png").header("Idempotency-Key", key)
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL).post("/v1/jobs");
        assertThat(foreign.statusCode()).isEqualTo(202);
        assertThat(foreign.jsonPath().getString("id")).isNotEqualTo(first.jsonPath().getString("id"));
    }

    @Test
    void presignedUploadFlow() throws Exception {
        byte[] image = TestImages.png(40, 30);
        Response created = as(KEY).contentType("application/json")
                .body(Map.of("contentType", "image/png", "sizeBytes", image.length)).post("/v1/uploads");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String uploadId = created.jsonPath().getString("uploadId");
        String url = created.jsonPath().getString("url");
        assertThat(created.jsonPath().getString("expiresAt")).isNotBlank();

        assertThat(putToUrl(url, image, "image/png")).isEqualTo(200);

        Map<Integer, Long> before = GatewayFixtures.kafka().endOffsets(Topics.INFER_JOBS);
        Response job = as(KEY).multiPart("uploadId", uploadId).multiPart("task", "super-resolve")
                .multiPart("model", SR_MODEL).post("/v1/jobs");
        assertThat(job.statusCode()).as(job.asString()).isEqualTo(202);
        InferJobRequested request = Messages.INFER_JOB_REQUESTED.decode(
                GatewayFixtures.kafka().readFrom(Topics.INFER_JOBS, before).get(0).value());
        assertThat(GatewayFixtures.input(request)).isEqualTo(image);
        // Copied inside the store to the job's input key, even though it is small enough to travel inline;
        // the upload stays (for another job) until upload-retention.
        assertThat(request.inputBytes()).isNull();
        assertThat(request.inputKey()).isEqualTo(ObjectKeys.input("local", request.jobId()));
        assertThat(GatewayFixtures.stack().objectStore().exists(Buckets.DATA, ObjectKeys.upload("local", uploadId))).isTrue();

        // Another tenant cannot use the upload id; an id never uploaded to is refused.
        Response foreign = as(OTHER).multiPart("uploadId", uploadId).multiPart("task", "super-resolve")
                .multiPart("model", SR_MODEL).post("/v1/jobs");
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.jsonPath().getString("error.code")).isEqualTo("UNKNOWN_UPLOAD");
        assertThat(foreign.jsonPath().getString("error.field")).isEqualTo("uploadId");
    }

    static int putToUrl(String url, byte[] bytes, String contentType) throws Exception {
        java.net.http.HttpResponse<String> put = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", contentType)
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isBetween(200, 299);
        return put.statusCode();
    }

    static String presignedUpload(byte[] bytes) throws Exception {
        Response created = as(KEY).contentType("application/json")
                .body(Map.of("contentType", "image/png", "sizeBytes", bytes.length)).post("/v1/uploads");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        putToUrl(created.jsonPath().getString("url"), bytes, "image/png");
        return created.jsonPath().getString("uploadId");
    }

    /**
     * The gateway reads a presigned upload's header, not the whole object: a PNG whose header is sound
     * but whose pixel data is cut off past the first 64 KiB is accepted (the multipart path, which reads
     * everything, refuses the same bytes), and its input is a server-side copy: same size and ETag as
     * the upload, keeping the Content-Type the client PUT (a re-upload by the gateway would set image/png).
     */
    @Test
    void presignedUploadIsCheckedByItsHeaderAndCopiedInsideTheStore() throws Exception {
        byte[] cut = TestImages.truncated(TestImages.png(1024, 768), 0.5);
        assertThat(cut.length).as("the cut lies beyond what the gateway reads").isGreaterThan(64 * 1024);
        Response multipart = upload(KEY, "cut.png", cut, "image/png").multiPart("task", "super-resolve")
                .multiPart("model", SR_MODEL).post("/v1/jobs");
        assertThat(multipart.statusCode()).as(multipart.asString()).isEqualTo(400);
        assertThat(multipart.jsonPath().getString("error.code")).isEqualTo("INVALID_IMAGE");

        Response created = as(KEY).contentType("application/json")
                .body(Map.of("contentType", "image/png", "sizeBytes", cut.length)).post("/v1/uploads");
        String uploadId = created.jsonPath().getString("uploadId");
        putToUrl(created.jsonPath().getString("url"), cut, "application/x-stylefleet-test");
        Map<Integer, Long> before = GatewayFixtures.kafka().endOffsets(Topics.INFER_JOBS);
        Response job = as(KEY).multiPart("uploadId", uploadId).multiPart("task", "super-resolve")
                .multiPart("model", SR_MODEL).post("/v1/jobs");
        assertThat(job.statusCode()).as(job.asString()).isEqualTo(202);
        InferJobRequested request = Messages.INFER_JOB_REQUESTED.decode(
                GatewayFixtures.kafka().readFrom(Topics.INFER_JOBS, before).get(0).value());

        var store = GatewayFixtures.stack().objectStore();
        StoredObject uploaded = store.stat(Buckets.DATA, ObjectKeys.upload("local", uploadId)).orElseThrow();
        StoredObject input = store.stat(Buckets.DATA, request.inputKey()).orElseThrow();
        assertThat(input.size()).isEqualTo(uploaded.size()).isEqualTo(cut.length);
        assertThat(input.etag()).isEqualTo(uploaded.etag());
        assertThat(store.client().statObject(io.minio.StatObjectArgs.builder().bucket(Buckets.DATA)
                .object(request.inputKey()).build()).contentType()).isEqualTo("application/x-stylefleet-test");
    }

    /** A JPEG whose frame header lies beyond the first read (128 KiB of APP1 segments before it) is still read and accepted. */
    @Test
    void presignedJpegWithItsHeaderBeyondTheFirstReadIsAccepted() throws Exception {
        byte[] jpeg = TestImages.jpeg(48, 32);
        java.io.ByteArrayOutputStream padded = new java.io.ByteArrayOutputStream();
        padded.write(jpeg, 0, 2); // SOI
        for (int i = 0; i < 2; i++) {
            padded.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) 0xFF, (byte) 0xFF}); // APP1, length 65535
            padded.write(new byte[65533]);
        }
        padded.write(jpeg, 2, jpeg.length - 2);
        Response job = as(KEY).multiPart("uploadId", presignedUpload(padded.toByteArray()))
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL).post("/v1/jobs");
        assertThat(job.statusCode()).as(job.asString()).isEqualTo(202);
        // No format sent: a JPEG input gets a JPEG result (stylefleet.api.jpeg-input-format).
        assertThat(job.jsonPath().getString("format")).isEqualTo("jpeg");
    }

    /** What the header shows is refused with the same codes as for a multipart image. */
    @Test
    void presignedUploadWithABadHeaderIsRefused() throws Exception {
        Response huge = as(KEY).multiPart("uploadId", presignedUpload(TestImages.pngHeaderOnly(100_000, 100_000)))
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL).post("/v1/jobs");
        assertThat(huge.statusCode()).as(huge.asString()).isEqualTo(413);
        assertThat(huge.jsonPath().getString("error.code")).isEqualTo("IMAGE_TOO_LARGE");
        assertThat(huge.jsonPath().getString("error.field")).isEqualTo("image");

        byte[] broken = TestImages.png(64, 64);
        broken[12] = 'X'; // IHDR -> XHDR
        Response unreadable = as(KEY).multiPart("uploadId", presignedUpload(broken))
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL).post("/v1/jobs");
        assertThat(unreadable.statusCode()).as(unreadable.asString()).isEqualTo(400);
        assertThat(unreadable.jsonPath().getString("error.code")).isEqualTo("INVALID_IMAGE");
    }

    @Test
    void presignedUploadsAreCheckedLikeMultipart() throws Exception {
        Response tooBig = as(KEY).contentType("application/json")
                .body(Map.of("contentType", "image/png", "sizeBytes", LocalStackResource.MAX_UPLOAD_BYTES + 1)).post("/v1/uploads");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.jsonPath().getString("error.field")).isEqualTo("sizeBytes");
        Response gif = as(KEY).contentType("application/json")
                .body(Map.of("contentType", "image/gif", "sizeBytes", 10)).post("/v1/uploads");
        assertThat(gif.statusCode()).isEqualTo(415);
        assertThat(gif.jsonPath().getString("error.field")).isEqualTo("contentType");

        // What is PUT is judged by its bytes at submit, exactly like a multipart image.
        Response created = as(KEY).contentType("application/json")
                .body(Map.of("contentType", "image/png", "sizeBytes", 100)).post("/v1/uploads");
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(created.jsonPath().getString("url")))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("not an image at all")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        Response job = as(KEY).multiPart("uploadId", created.jsonPath().getString("uploadId"))
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL).post("/v1/jobs");
        assertThat(job.statusCode()).isEqualTo(415);
        assertThat(job.jsonPath().getString("error.code")).isEqualTo("UNSUPPORTED_IMAGE_TYPE");
    }

    @Test
    void everyEndpointNeedsAKey() {
        for (String[] call : new String[][] {{"GET", "/v1/jobs"}, {"POST", "/v1/jobs"}, {"GET", "/v1/jobs/x"},
                {"DELETE", "/v1/jobs/x"}, {"GET", "/v1/jobs/x/result"}, {"GET", "/v1/jobs/x/preview"},
                {"GET", "/v1/jobs/x/events"}, {"POST", "/v1/uploads"}, {"GET", "/v1/styles"}, {"POST", "/v1/styles"},
                {"GET", "/v1/styles/x"}, {"GET", "/v1/styles/x/thumbnail"}, {"GET", "/v1/datasets"},
                {"POST", "/v1/datasets"}, {"GET", "/v1/models"}, {"POST", "/v1/models"}}) {
            Response r = RestAssured.given().request(call[0], call[1]);
            assertThat(r.statusCode()).as(call[0] + " " + call[1]).isEqualTo(401);
            assertThat(r.jsonPath().getString("error.code")).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void anotherTenantsJobIsNotFoundOnEveryJobPath() {
        String id = submit(KEY);
        for (String path : List.of("/v1/jobs/" + id, "/v1/jobs/" + id + "/result", "/v1/jobs/" + id + "/preview",
                "/v1/jobs/" + id + "/events")) {
            Response r = as(OTHER).get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.jsonPath().getString("error.code")).isEqualTo("JOB_NOT_FOUND");
        }
        assertThat(as(OTHER).delete("/v1/jobs/" + id).statusCode()).isEqualTo(404);
        assertThat(as(KEY).get("/v1/jobs/" + id).jsonPath().getString("state")).isEqualTo("QUEUED");
    }

    @Test
    void openApiDocumentAndHealthNeedNoKeyAndHealthAndMetricsAreOnlyOnTheManagementPort() {
        Response openapi = RestAssured.given().get("/q/openapi");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.asString()).contains("/v1/jobs", "/v1/styles", "/v1/datasets", "/v1/models", "/v1/uploads");
        assertThat(RestAssured.given().get("/q/swagger-ui/").statusCode()).isEqualTo(200);
        Response ready = dev.stylefleet.gateway.ManagementPort.given().get("/q/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.asString()).contains("kafka-and-s3", "job-state");
        assertThat(dev.stylefleet.gateway.ManagementPort.given().get("/q/health/live").statusCode()).isEqualTo(200);
        assertThat(dev.stylefleet.gateway.ManagementPort.given().get("/q/metrics").asString()).contains("stylefleet_jobs");
        // Defect 4 of issue 15: the API's own port serves neither, with or without a key.
        for (String path : java.util.List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics")) {
            for (Response r : java.util.List.of(RestAssured.given().get(path), as(KEY).get(path))) {
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(r.jsonPath().getString("error.code")).as(path).isEqualTo("NOT_FOUND");
                assertThat(r.asString()).doesNotContain("stylefleet_jobs", "kafka-and-s3");
            }
        }
    }

    @Test
    void metricsCountJobsByStateAndLatency() throws Exception {
        String id = submit(KEY);
        send(event(id, "local", JobKind.INFER, JobState.SUCCEEDED).withResult(new JobEvent.Result("results/" + id + "/result.png",
                "image/png", 4, 4, null)));
        awaitState(KEY, id, "SUCCEEDED");
        String metrics = dev.stylefleet.gateway.ManagementPort.given().get("/q/metrics").asString();
        assertThat(metrics).contains("stylefleet_jobs{state=\"SUCCEEDED\"}", "stylefleet_consumer_lag{topic=\"stylefleet.job-events\"}",
                "stylefleet_job_latency_seconds_bucket{kind=\"INFER\"");
    }
}
