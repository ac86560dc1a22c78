package dev.stylefleet.gateway.api;

import static dev.stylefleet.gateway.api.RawHttp.assertError;
import static dev.stylefleet.gateway.api.RawHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stylefleet.gateway.LocalStackResource;
import dev.stylefleet.gateway.TestImages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No answer of the API outside its error format: every endpoint family with the methods it does not
 * have (405 with the real {@code Allow}), paths nothing serves (404, including /q/health and /q/metrics,
 * which live on the management port), a URI and headers over the limits (414, 431), a body the
 * endpoint does not take (415), an {@code Accept} it cannot answer (406), an oversized chunked body
 * (413), and malformed multipart bodies (400 BAD_REQUEST): each non-2xx answer is the API's error body
 * with a stable code and the request id of its {@code X-Request-Id}.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class ErrorFormatIT {
    private static final String KEY = LocalStackResource.LOCAL_KEY;
    private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + KEY);
    private static final String ID = "0123456789abcdef0123456789abcdef";
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @BeforeAll
    static void models() {
        GatewayFixtures.registerModels();
    }

    /** Every path family of the API and the methods it really has (HEAD and OPTIONS come with them). */
    static Stream<Arguments> families() {
        Map<String, Set<String>> f = new LinkedHashMap<>();
        f.put("/v1/jobs", Set.of("GET", "POST"));
        f.put("/v1/jobs/" + ID, Set.of("GET", "DELETE"));
        f.put("/v1/jobs/" + ID + "/result", Set.of("GET"));
        f.put("/v1/jobs/" + ID + "/preview", Set.of("GET"));
        f.put("/v1/jobs/" + ID + "/events", Set.of("GET"));
        f.put("/v1/uploads", Set.of("POST"));
        f.put("/v1/styles", Set.of("GET", "POST"));
        f.put("/v1/styles/some-style", Set.of("GET"));
        f.put("/v1/styles/some-style/preview", Set.of("GET"));
        f.put("/v1/styles/some-style/thumbnail", Set.of("GET"));
        f.put("/v1/upscalers", Set.of("GET", "POST"));
        f.put("/v1/datasets", Set.of("GET", "POST"));
        f.put("/v1/models", Set.of("GET", "POST"));
        return f.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest
    @MethodSource("families")
    void everyMethodAPathDoesNotHaveIs405NamingTheRealOnes(String path, Set<String> methods) {
        for (String method : METHODS) {
            if (methods.contains(method)) {
                continue;
            }
            HttpResponse<String> r = send(method, path, AUTH, method.equals("GET") || method.equals("DELETE") ? null : new byte[0]);
            JsonNode error = assertError(r, 405, "METHOD_NOT_ALLOWED");
            Set<String> allow = new TreeSet<>();
            r.headers().allValues("Allow").forEach(v -> Arrays.stream(v.split(",")).map(String::trim).forEach(allow::add));
            assertThat(allow).as(method + " " + path).containsAll(methods).contains("OPTIONS")
                    .doesNotContain(method);
            assertThat(error.path("message").asText()).as(path).doesNotContain("[]").contains(methods.iterator().next());
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    void everyFamilyWithoutAKeyIs401(String path, Set<String> methods) {
        for (String method : methods) {
            assertError(send(method, path, Map.of(), method.equals("POST") ? new byte[0] : null), 401, "UNAUTHENTICATED");
        }
    }

    @Test
    void pathsNothingServesAre404() {
        for (String path : List.of("/nope", "/v1", "/v1/nope", "/v2/jobs", "/v1/jobs/" + ID + "/nope/deeper",
                "/v1/styles/a/b/c", "/q/metrics", "/q/health", "/q/health/ready", "/q/health/live", "/%2e%2e/etc/passwd")) {
            HttpResponse<String> r = send("GET", path, AUTH, null);
            assertError(r, 404, "NOT_FOUND");
        }
        // Without a key, /v1 paths answer 401 first (nothing about them is judged), others 404.
        assertError(send("GET", "/v1/nope", Map.of(), null), 401, "UNAUTHENTICATED");
        assertError(send("GET", "/q/metrics", Map.of(), null), 404, "NOT_FOUND");
    }

    @Test
    void unknownJobIs404InTheFormat() {
        assertError(send("GET", "/v1/jobs/" + ID, AUTH, null), 404, "JOB_NOT_FOUND");
        JsonNode nul = assertError(send("GET", "/v1/jobs/%00", AUTH, null), 404, "JOB_NOT_FOUND");
        assertThat(nul.path("message").asText()).doesNotContain("\u0000");
    }

    @Test
    void aUriOverTheLimitIs414() {
        String path = "/v1/jobs?state=" + "a".repeat(9000);
        assertError(send("GET", path, AUTH, null), 414, "URI_TOO_LONG");
        assertError(send("GET", "/" + "x".repeat(9000), Map.of(), null), 414, "URI_TOO_LONG");
    }

    @Test
    void headersOverTheLimitAre431() {
        Map<String, String> h = new LinkedHashMap<>(AUTH);
        h.put("X-Padding", "p".repeat(20_000));
        assertError(send("GET", "/v1/jobs", h, null), 431, "HEADERS_TOO_LARGE");
        Map<String, String> many = new LinkedHashMap<>(AUTH);
        for (int i = 0; i < 200; i++) {
            many.put("X-Pad-" + i, "v".repeat(100));
        }
        assertError(send("GET", "/v1/models", many, null), 431, "HEADERS_TOO_LARGE");
    }

    @Test
    void aBodyTheEndpointDoesNotTakeIs415() {
        Map<String, String> h = new LinkedHashMap<>(AUTH);
        h.put("Content-Type", "text/plain");
        assertError(send("POST", "/v1/jobs", h, "task=stylize".getBytes(StandardCharsets.UTF_8)), 415, "UNSUPPORTED_MEDIA_TYPE");
        h.put("Content-Type", "application/xml");
        assertError(send("POST", "/v1/uploads", h, "<x/>".getBytes(StandardCharsets.UTF_8)), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void anAcceptNothingAnswersIs406() {
        Map<String, String> h = new LinkedHashMap<>(AUTH);
        h.put("Accept", "image/gif");
        assertError(send("GET", "/v1/jobs", h, null), 406, "NOT_ACCEPTABLE");
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413() {
        Map<String, String> h = new LinkedHashMap<>(AUTH);
        h.put("Content-Type", "multipart/form-data; boundary=b");
        // Refused by its Content-Length before a byte is read.
        byte[] big = new byte[(int) (LocalStackResource.MAX_UPLOAD_BYTES + 70_000)];
        assertError(send("POST", "/v1/jobs", h, big), 413, "IMAGE_TOO_LARGE");
    }

    @Test
    void clientRequestIdIsKeptAndAnUnsafeOneReplaced() {
        Map<String, String> h = new LinkedHashMap<>(AUTH);
        h.put("X-Request-Id", "trace-42.abc_DEF");
        JsonNode e = assertError(send("GET", "/v1/jobs/" + ID, h, null), 404, "JOB_NOT_FOUND");
        assertThat(e.path("requestId").asText()).isEqualTo("trace-42.abc_DEF");
        h.put("X-Request-Id", "bad id <script>");
        e = assertError(send("GET", "/v1/jobs/" + ID, h, null), 404, "JOB_NOT_FOUND");
        assertThat(e.path("requestId").asText()).matches("[0-9a-f]{24}");
    }

    /** The malformed multipart bodies of the issue and more, each with the Content-Type it is sent with. */
    static Stream<Arguments> malformedMultipart() {
        byte[] png = TestImages.png(16, 16);
        byte[] good = multipart("b0undary", png, true);
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        byte[] noClosing = multipart("b0undary", png, false);
        return Stream.of(
                Arguments.of("boundary mismatch", "multipart/form-data; boundary=other", good),
                Arguments.of("no closing boundary", "multipart/form-data; boundary=b0undary", noClosing),
                Arguments.of("truncated mid-file", "multipart/form-data; boundary=b0undary", truncated),
                Arguments.of("garbage", "multipart/form-data; boundary=b0undary",
                        "\u0000\u00ff garbage \r\n\r\n--".getBytes(StandardCharsets.ISO_8859_1)),
                Arguments.of("missing boundary parameter", "multipart/form-data", good),
                Arguments.of("empty boundary parameter", "multipart/form-data; boundary=", good),
                Arguments.of("empty body", "multipart/form-data; boundary=b0undary", new byte[0]),

                Arguments.of("part headers never end", "multipart/form-data; boundary=b0undary",
                        ("--b0undary\r\nContent-Disposition: form-data; name=\"task\"\r\n" + "x".repeat(5000))
                                .getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aPartWithoutANameIsIgnoredLikeAnUnknownField() {
        // Well-formed multipart whose only part has no Content-Disposition: no field arrives.
        Map<String, String> h = new LinkedHashMap<>(AUTH);
        h.put("Content-Type", "multipart/form-data; boundary=b0undary");
        assertError(send("POST", "/v1/jobs", h, "--b0undary\r\n\r\nvalue\r\n--b0undary--\r\n"
                .getBytes(StandardCharsets.US_ASCII)), 400, "MISSING_FIELD");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedMultipart")
    void malformedMultipartIs400BadRequest(String what, String contentType, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>(AUTH);
        h.put("Content-Type", contentType);
        assertError(send("POST", "/v1/jobs", h, body), 400, "BAD_REQUEST");
    }

    static byte[] multipart(String boundary, byte[] png, boolean closed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"task\"\r\n\r\nsuper-resolve\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + GatewayFixtures.SR_MODEL + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(png);
        out.writeBytes(("\r\n" + (closed ? "--" + boundary + "--\r\n" : "")).getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
