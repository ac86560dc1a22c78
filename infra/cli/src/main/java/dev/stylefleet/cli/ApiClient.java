package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stylefleet.schemas.Messages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The gateway's HTTP API (docs/api.md) over java.net.http: every call carries
 * {@code Authorization: Bearer <key>}; an error answer {"error":{"code","message","field"}} becomes an
 * {@link ApiFailure}, and so does a server that cannot be reached.
 */
final class ApiClient {
    static final ObjectMapper JSON = Messages.JSON;
    /** Upload bodies go out in pieces of this size so that the progress bar moves. */
    static final int UPLOAD_CHUNK_BYTES = 64 * 1024;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final String server;
    private final URI base;
    private final String apiKey;
    private final HttpClient http;

    ApiClient(String server, String apiKey) {
        this.server = server;
        String s = server.endsWith("/") ? server : server + "/";
        try {
            this.base = URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new ApiFailure(0, "INVALID_SERVER", "--server: not a URL: " + server, "server");
        }
        if (base.getScheme() == null || !base.getScheme().matches("https?")) {
            throw new ApiFailure(400, "INVALID_SERVER", "--server: expected http://host:port or https://..., got "
                    + server, "server");
        }
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** An absolute URL as is, else a path resolved against the server. */
    URI resolve(String pathOrUrl) {
        return pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://") ? URI.create(pathOrUrl)
                : base.resolve(pathOrUrl.startsWith("/") ? pathOrUrl.substring(1) : pathOrUrl);
    }

    JsonNode getJson(String path) {
        return parse(send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    byte[] getBytes(String pathOrUrl) {
        return send(request(pathOrUrl).GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    JsonNode delete(String path) {
        String body = send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.isBlank() ? JSON.createObjectNode() : parse(body);
    }

    /**
     * POSTs a multipart body; {@code sent} hears the number of bytes handed to the connection so far
     * (of {@code body.length}).
     */
    JsonNode postMultipart(String path, MultipartBody form, UploadProgress sent) {
        byte[] body = form.build();
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofByteArrays(() -> chunks(body, sent)), body.length);
        HttpRequest r = request(path).header("Content-Type", form.contentType()).POST(publisher).build();
        return parse(send(r, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Opens {@code GET path} as a text/event-stream; the caller reads (and closes) the lines. */
    HttpResponse<Stream<String>> events(String path) {
        return send(request(path).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    private HttpRequest.Builder request(String pathOrUrl) {
        return HttpRequest.newBuilder(resolve(pathOrUrl)).header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json");
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        HttpResponse<T> response;
        try {
            response = http.send(request, info -> info.statusCode() < 400 ? handler.apply(info)
                    : mapBody(HttpResponse.BodyHandlers.ofString().apply(info)));
        } catch (IOException e) {
            throw ApiFailure.unreachable(server, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiFailure(0, "INTERRUPTED", "interrupted while waiting for " + request.uri(), null);
        }
        if (response.statusCode() >= 400) {
            throw failure(response.statusCode(), (String) response.body());
        }
        return response;
    }

    @SuppressWarnings("unchecked")
    private static <T> HttpResponse.BodySubscriber<T> mapBody(HttpResponse.BodySubscriber<String> s) {
        return (HttpResponse.BodySubscriber<T>) s;
    }

    static ApiFailure failure(int status, String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.hasNonNull("code")) {
                return new ApiFailure(status, error.path("code").asText(), error.path("message").asText(),
                        error.hasNonNull("field") ? error.path("field").asText() : null);
            }
        } catch (IOException notJson) {
            // described by the status below
        }
        String code = status == 404 ? "NOT_FOUND" : status == 413 ? "IMAGE_TOO_LARGE" : "HTTP_" + status;
        return new ApiFailure(status, code, "HTTP " + status + (body == null || body.isBlank() ? "" : ": "
                + body.substring(0, Math.min(200, body.length()))), null);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ApiFailure(0, "BAD_RESPONSE", "the server answered something that is not JSON: "
                    + body.substring(0, Math.min(200, body.length())), null);
        }
    }

    /** Hears how much of an upload has been handed to the connection. */
    interface UploadProgress {
        void sent(long bytes, long total);
    }

    private static Iterator<byte[]> chunks(byte[] body, UploadProgress sent) {
        return new Iterator<>() {
            int offset;

            @Override
            public boolean hasNext() {
                return offset < body.length;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int n = Math.min(UPLOAD_CHUNK_BYTES, body.length - offset);
                byte[] chunk = java.util.Arrays.copyOfRange(body, offset, offset + n);
                offset += n;
                sent.sent(offset, body.length);
                return chunk;
            }
        };
    }
}
