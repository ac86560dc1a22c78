package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Follows a job to its end: over {@code GET /v1/jobs/{id}/events} (Server-Sent Events: {@code state}
 * carries a JobView, {@code progress} a progress object; the stream ends after a terminal state), and by
 * polling {@code GET /v1/jobs/{id}} where the server has no event stream. A stream that breaks off early
 * is opened again.
 */
final class JobFollower {
    static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    /** Between two polls when the server cannot stream, and before reopening a broken stream. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    interface Listener {
        void state(JsonNode view);

        void progress(JsonNode progress);
    }

    private final ApiClient api;

    JobFollower(ApiClient api) {
        this.api = api;
    }

    static boolean terminal(JsonNode view) {
        return TERMINAL.contains(view.path("state").asText());
    }

    /** Returns the job's final JobView. */
    JsonNode follow(String id, Listener listener) {
        String path = "v1/jobs/" + id;
        JsonNode last = null;
        while (true) {
            HttpResponse<Stream<String>> stream;
            try {
                stream = api.events(path + "/events");
            } catch (ApiFailure f) {
                if ("NOT_FOUND".equals(f.code) || f.status == 405 || f.status == 406) {
                    return poll(path, listener);
                }
                throw f;
            }
            try (Stream<String> lines = stream.body()) {
                last = read(lines.iterator(), listener, last);
            } catch (UncheckedIOException broken) {
                // the connection dropped mid-stream: ask for the state and listen again
            }
            if (last != null && terminal(last)) {
                return last;
            }
            last = api.getJson(path);
            listener.state(last);
            if (terminal(last)) {
                return last;
            }
            pause();
        }
    }

    private JsonNode read(Iterator<String> lines, Listener listener, JsonNode last) {
        String type = "";
        List<String> data = new ArrayList<>();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    JsonNode value = parse(String.join("\n", data));
                    if ("state".equals(type)) {
                        last = value;
                        listener.state(value);
                        if (value.hasNonNull("progress")) {
                            listener.progress(value.get("progress"));
                        }
                        if (terminal(value)) {
                            return value;
                        }
                    } else if ("progress".equals(type)) {
                        listener.progress(value);
                    }
                }
                type = "";
                data.clear();
            } else if (line.startsWith(":")) {
                continue; // a comment: keep-alive
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String val = colon < 0 ? "" : line.substring(colon + 1);
                val = val.startsWith(" ") ? val.substring(1) : val;
                if (field.equals("event")) {
                    type = val;
                } else if (field.equals("data")) {
                    data.add(val);
                }
            }
        }
        return last;
    }

    private JsonNode poll(String path, Listener listener) {
        while (true) {
            JsonNode view = api.getJson(path);
            listener.state(view);
            if (view.hasNonNull("progress")) {
                listener.progress(view.get("progress"));
            }
            if (terminal(view)) {
                return view;
            }
            pause();
        }
    }

    private static JsonNode parse(String json) {
        try {
            return ApiClient.JSON.readTree(json);
        } catch (IOException e) {
            throw new ApiFailure(0, "BAD_RESPONSE", "an event that is not JSON: " + json, null);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiFailure(0, "INTERRUPTED", "interrupted while following the job", null);
        }
    }
}
