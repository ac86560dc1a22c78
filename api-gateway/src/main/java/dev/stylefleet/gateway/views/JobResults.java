package dev.stylefleet.gateway.views;

import dev.stylefleet.gateway.jobs.Job;
import java.util.Locale;

/** How a result object is served: its content type, from the worker's event or else its extension. */
public final class JobResults {
    private JobResults() {}

    public static String contentType(Job.Output output) {
        if (output.contentType() != null && !output.contentType().isBlank()) {
            return output.contentType();
        }
        String key = output.key().toLowerCase(Locale.ROOT);
        if (key.endsWith(".png")) {
            return "image/png";
        }
        if (key.endsWith(".jpeg") || key.endsWith(".jpg")) {
            return "image/jpeg";
        }
        if (key.endsWith(".webp")) {
            return "image/webp";
        }
        return "application/octet-stream";
    }
}
