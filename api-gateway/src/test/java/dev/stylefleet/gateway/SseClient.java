package dev.stylefleet.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real HTTP client reading a text/event-stream response: events (name + data) arrive in a queue as
 * the server sends them; {@link #ended} completes when the server closes the stream.
 */
public final class SseClient {
    public record Event(String name, String data) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();
    private volatile int status;
    private volatile String contentType;

    public static SseClient open(String url, String apiKey) {
        SseClient c = new SseClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + apiKey)
                .header("Accept", "text/event-stream").GET().build();
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
            c.status = r.statusCode();
            c.contentType = r.headers().firstValue("Content-Type").orElse("");
            c.read(r.body());
            c.ended.complete(r.statusCode());
        }).exceptionally(e -> {
            c.ended.completeExceptionally(e);
            return null;
        });
        return c;
    }

    private void read(Stream<String> lines) {
        String[] name = {null};
        List<String> data = new ArrayList<>();
        lines.forEach(line -> {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.add(new Event(name[0] == null ? "message" : name[0], String.join("\n", data)));
                }
                name[0] = null;
                data.clear();
            } else if (line.startsWith("event:")) {
                name[0] = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.add(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
            }
        });
        if (!data.isEmpty()) {
            events.add(new Event(name[0] == null ? "message" : name[0], String.join("\n", data)));
        }
    }

    /** The next event, waiting at most {@code patience}; fails the test when none comes. */
    public Event next(Duration patience) throws InterruptedException {
        Event e = events.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no server-sent event within " + patience);
        }
        return e;
    }

    /** True once the server closed the stream, waiting at most {@code patience}. */
    public boolean awaitEnd(Duration patience) throws Exception {
        ended.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    public List<Event> remaining() {
        List<Event> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }
}
