package dev.stylefleet.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Requests the gateway under test exactly as written (bodies and content types a well-behaved client
 * library would refuse to send), and the check every error answer must pass: the API's error body
 * with a stable code and the request id of its {@code X-Request-Id} header.
 */
final class RawHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private RawHttp() {}
    // HTTP/1.1 as curl and browsers send it to a plain-text port (the JDK client would try an h2c upgrade).

    static URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + RestAssured.port + pathAndQuery);
    }

    static HttpResponse<String> send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asserts the answer is {@code status} with the API's error body of {@code code}; returns the body. */
    static JsonNode assertError(HttpResponse<String> r, int status, String code) {
        String what = r.request().method() + " " + r.request().uri() + " -> " + r.statusCode() + " " + r.body();
        assertThat(r.statusCode()).as(what).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/json");
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + what, e);
        }
        JsonNode error = body.path("error");
        assertThat(error.path("code").asText()).as(what).isEqualTo(code);
        assertThat(error.path("message").asText()).as(what).isNotBlank();
        String requestId = error.path("requestId").asText();
        assertThat(requestId).as(what).isNotBlank();
        assertThat(r.headers().firstValue("X-Request-Id")).as(what).contains(requestId);
        if (status == 503) {
            assertThat(r.headers().firstValue("Retry-After")).as(what).hasValueSatisfying(v -> assertThat(v).matches("[1-9][0-9]*"));
        }
        return error;
    }
}
