package dev.stylefleet.gateway.api;

import static dev.stylefleet.gateway.api.GatewayFixtures.PRIVATE_MODEL;
import static dev.stylefleet.gateway.api.GatewayFixtures.SR_MODEL;
import static dev.stylefleet.gateway.api.GatewayFixtures.STYLE_MODEL;
import static dev.stylefleet.gateway.api.GatewayFixtures.as;
import static dev.stylefleet.gateway.api.GatewayFixtures.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.gateway.LocalStackResource;
import dev.stylefleet.gateway.TestImages;
import dev.stylefleet.schemas.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of POST /v1/jobs: the status, the stable code and the field, and that nothing was
 * stored or enqueued (end offsets of the infer topic and the inputs/ listing unchanged).
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class JobSubmissionRefusalIT {
    private static final String KEY = LocalStackResource.LOCAL_KEY;

    @BeforeAll
    static void models() {
        GatewayFixtures.registerModels();
    }

    private static RequestSpecification png() {
        return upload(KEY, "photo.png", TestImages.png(32, 24), "image/png");
    }

    /** Sends the request and checks the refusal, and that it left no trace in S3 or Kafka. */
    private static Response refused(RequestSpecification request, int status, String code, String field) {
        Map<Integer, Long> inferBefore = GatewayFixtures.kafka().endOffsets(Topics.INFER_JOBS);
        Map<Integer, Long> eventsBefore = GatewayFixtures.kafka().endOffsets(Topics.JOB_EVENTS);
        List<String> inputsBefore = GatewayFixtures.inputKeys();

        Response r = request.post("/v1/jobs");

        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).as(r.statusLine()).startsWith("application/json");
        assertThat(r.jsonPath().getString("error.code")).isEqualTo(code);
        assertThat(r.jsonPath().getString("error.message")).isNotBlank();
        if (field != null) {
            assertThat(r.jsonPath().getString("error.field")).isEqualTo(field);
            assertThat(r.jsonPath().getString("error.message")).startsWith(field + ":");
        }
        assertThat(GatewayFixtures.kafka().endOffsets(Topics.INFER_JOBS)).isEqualTo(inferBefore);
        assertThat(GatewayFixtures.kafka().endOffsets(Topics.JOB_EVENTS)).isEqualTo(eventsBefore);
        assertThat(GatewayFixtures.inputKeys()).isEqualTo(inputsBefore);
        return r;
    }

    @Test
    void missingImage() {
        refused(as(KEY).multiPart("task", "super-resolve").multiPart("model", SR_MODEL), 400, "MISSING_FIELD", "image");
    }

    @Test
    void imageSentAsATextFieldIsJudgedByItsContent() {
        // A base64 PNG signature is text, not a PNG: the bytes decide, as for files.
        refused(as(KEY).multiPart("image", "iVBORw0KGgo=").multiPart("task", "super-resolve").multiPart("model", SR_MODEL),
                415, "UNSUPPORTED_IMAGE_TYPE", "image");
    }

    @Test
    void missingTask() {
        refused(png().multiPart("model", SR_MODEL), 400, "MISSING_FIELD", "task");
    }

    @Test
    void missingModel() {
        refused(png().multiPart("task", "super-resolve"), 400, "MISSING_FIELD", "model");
    }

    @Test
    void unknownTask() {
        Response r = refused(png().multiPart("task", "colorize").multiPart("model", SR_MODEL), 400, "INVALID_FIELD", "task");
        assertThat(r.jsonPath().getString("error.message")).contains("super-resolve", "stylize");
    }

    @Test
    void unknownFormat() {
        Response r = refused(png().multiPart("task", "super-resolve").multiPart("model", SR_MODEL).multiPart("format", "gif"),
                400, "INVALID_FIELD", "format");
        assertThat(r.jsonPath().getString("error.message")).contains("png", "jpeg", "webp");
    }

    @Test
    void emptyUpload() {
        refused(upload(KEY, "photo.png", new byte[0], "image/png").multiPart("task", "super-resolve")
                .multiPart("model", SR_MODEL), 400, "INVALID_IMAGE", "image");
    }

    @Test
    void textFileNamedPng() {
        byte[] text = "just some text, honestly\n".getBytes(StandardCharsets.UTF_8);
        refused(upload(KEY, "photo.png", text, "image/png").multiPart("task", "super-resolve").multiPart("model", SR_MODEL),
                415, "UNSUPPORTED_IMAGE_TYPE", "image");
    }

    @Test
    void headerDeclaringTenGigapixels() {
        refused(upload(KEY, "bomb.png", TestImages.pngHeaderOnly(100_000, 100_000), "image/png")
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL), 413, "IMAGE_TOO_LARGE", "image");
    }

    @Test
    void truncatedPng() {
        refused(upload(KEY, "cut.png", TestImages.truncated(TestImages.png(300, 200), 0.5), "image/png")
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL), 400, "INVALID_IMAGE", "image");
    }

    @Test
    void truncatedJpeg() {
        refused(upload(KEY, "cut.jpg", TestImages.truncated(TestImages.jpeg(300, 200), 0.5), "image/jpeg")
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL), 400, "INVALID_IMAGE", "image");
    }

    @Test
    void fileOneByteOverTheLimit() {
        // Within the multipart allowance, so it reaches the resource, which checks the file part exactly.
        byte[] big = pngPrefixed((int) LocalStackResource.MAX_UPLOAD_BYTES + 1);
        Response r = refused(upload(KEY, "big.png", big, "image/png").multiPart("task", "super-resolve")
                .multiPart("model", SR_MODEL), 413, "IMAGE_TOO_LARGE", "image");
        assertThat(r.jsonPath().getString("error.message")).contains(Long.toString(LocalStackResource.MAX_UPLOAD_BYTES));
    }

    @Test
    void bodyFarOverTheLimitIsRefusedByItsContentLength() {
        // A body with Content-Length (what curl and browsers send) is refused before it is read.
        byte[] huge = pngPrefixed((int) LocalStackResource.MAX_UPLOAD_BYTES + 1024 * 1024);
        String boundary = "stylefleet-test-boundary";
        byte[] body = multipart(boundary, Map.of("task", "super-resolve", "model", SR_MODEL), "huge.png", huge);
        refused(as(KEY).contentType("multipart/form-data; boundary=" + boundary).body(body),
                413, "IMAGE_TOO_LARGE", "image");
    }

    @Test
    void chunkedBodyFarOverTheLimitIsCutOff() {
        // RestAssured streams multipart bodies chunked: the HTTP layer stops reading at the derived
        // body limit and answers a bare 413 (documented in docs/api.md). Nothing may be stored.
        byte[] huge = pngPrefixed((int) LocalStackResource.MAX_UPLOAD_BYTES + 1024 * 1024);
        Map<Integer, Long> inferBefore = GatewayFixtures.kafka().endOffsets(Topics.INFER_JOBS);
        List<String> inputsBefore = GatewayFixtures.inputKeys();
        Response r = upload(KEY, "huge.png", huge, "image/png").multiPart("task", "super-resolve")
                .multiPart("model", SR_MODEL).post("/v1/jobs");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(GatewayFixtures.kafka().endOffsets(Topics.INFER_JOBS)).isEqualTo(inferBefore);
        assertThat(GatewayFixtures.inputKeys()).isEqualTo(inputsBefore);
    }

    @Test
    void bodyOverTheHttpLayersDefaultButUnderOurLimitReachesValidation() {
        // 11 MiB: the HTTP layer's own default limit (10 MiB) would answer an empty 413; the derived
        // limit lets it through to the image checks, which find no valid IHDR.
        byte[] eleven = pngPrefixed(11 * 1024 * 1024);
        refused(upload(KEY, "junk.png", eleven, "image/png").multiPart("task", "super-resolve")
                .multiPart("model", SR_MODEL), 400, "INVALID_IMAGE", "image");
    }

    @Test
    void unknownModel() {
        refused(png().multiPart("task", "super-resolve").multiPart("model", "no-such-model"), 400, "UNKNOWN_MODEL", "model");
    }

    @Test
    void anotherTenantsPrivateModelIsUnknown() {
        refused(png().multiPart("task", "super-resolve").multiPart("model", PRIVATE_MODEL), 400, "UNKNOWN_MODEL", "model");
    }

    @Test
    void malformedModelId() {
        refused(png().multiPart("task", "super-resolve").multiPart("model", "../../etc/passwd"), 400, "INVALID_FIELD", "model");
    }

    @Test
    void modelOfAnotherTask() {
        Response r = refused(png().multiPart("task", "super-resolve").multiPart("model", STYLE_MODEL),
                400, "MODEL_TASK_MISMATCH", "model");
        assertThat(r.jsonPath().getString("error.message")).contains("stylize");
    }

    @Test
    void notMultipart() {
        refused(as(KEY).contentType("application/json").body("{\"task\":\"super-resolve\"}"), 415,
                "UNSUPPORTED_MEDIA_TYPE", null);
    }

    @Test
    void noApiKey() {
        Response r = refused(given().multiPart("image", "photo.png", TestImages.png(8, 8), "image/png")
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL), 401, "UNAUTHENTICATED", null);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void wrongApiKey() {
        refused(upload("not-a-key", "photo.png", TestImages.png(8, 8), "image/png")
                .multiPart("task", "super-resolve").multiPart("model", SR_MODEL), 401, "UNAUTHENTICATED", null);
    }

    /** A multipart/form-data body with a Content-Length, built by hand: text fields, then the image part. */
    private static byte[] multipart(String boundary, Map<String, String> fields, String fileName, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** n bytes that start like a PNG and then are zeros. */
    private static byte[] pngPrefixed(int n) {
        byte[] b = Arrays.copyOf(TestImages.pngHeaderOnly(10, 10), n);
        b[8] = 0x7F; // break the IHDR length so that nothing past the size check could accept it
        return b;
    }
}
