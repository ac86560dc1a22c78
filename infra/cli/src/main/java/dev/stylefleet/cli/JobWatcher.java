package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.function.BiConsumer;

/**
 * Follows a job for a person: a progress bar on stderr with the state, the step and the loss values;
 * optionally every event handed on (watch --json prints them as JSON lines).
 */
final class JobWatcher {
    private final ApiClient api;
    private final ProgressBar bar;
    private final BiConsumer<String, JsonNode> events;

    JobWatcher(ApiClient api, ProgressBar bar, BiConsumer<String, JsonNode> events) {
        this.api = api;
        this.bar = bar;
        this.events = events;
    }

    /** Returns the final JobView; the bar's line is finished either way. */
    JsonNode watch(String jobId) {
        String[] state = {"QUEUED"};
        JsonNode[] lastProgress = {null};
        try {
            return new JobFollower(api).follow(jobId, new JobFollower.Listener() {
                @Override
                public void state(JsonNode view) {
                    state[0] = view.path("state").asText();
                    events.accept("state", view);
                    redraw(state[0], lastProgress[0], view);
                }

                @Override
                public void progress(JsonNode progress) {
                    lastProgress[0] = progress;
                    events.accept("progress", progress);
                    redraw(state[0], progress, null);
                }
            });
        } finally {
            bar.done();
        }
    }

    private void redraw(String state, JsonNode progress, JsonNode view) {
        if (progress != null) {
            bar.show(String.format("%-9s", state), JobDisplay.fraction(progress), JobDisplay.progress(progress));
        } else {
            bar.show(String.format("%-9s", state), "SUCCEEDED".equals(state) ? 1 : -1,
                    view == null ? "" : "job " + view.path("id").asText());
        }
    }

    /** The one-line outcome printed after a job ends. */
    static void printOutcome(PrintWriter err, JsonNode view) {
        String state = view.path("state").asText();
        if ("FAILED".equals(state)) {
            err.println("job " + view.path("id").asText() + " FAILED: " + view.path("error").path("code").asText()
                    + ": " + view.path("error").path("message").asText());
        } else if ("CANCELLED".equals(state)) {
            err.println("job " + view.path("id").asText() + " was CANCELLED"
                    + (view.hasNonNull("error") ? ": " + view.path("error").path("message").asText() : ""));
        }
        err.flush();
    }
}
