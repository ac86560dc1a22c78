package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How jobs and their progress read in a terminal. */
final class JobDisplay {
    /** The loss terms in the order they are shown (paper eq. 2-5 and the SR pixel loss). */
    static final List<String> TERMS = List.of("content", "style", "tv", "pixel");

    private JobDisplay() {}

    /** Several "key  value" lines describing a JobView. */
    static String describe(JsonNode v) {
        StringBuilder b = new StringBuilder();
        line(b, "id", v.path("id").asText());
        line(b, "state", v.path("state").asText());
        line(b, "kind", v.path("kind").asText(null));
        line(b, "task", v.path("task").asText(null));
        line(b, "model", v.path("model").asText(null));
        line(b, "created", v.path("createdAt").asText(null));
        line(b, "updated", v.path("updatedAt").asText(null));
        JsonNode r = v.path("result");
        if (r.hasNonNull("url")) {
            line(b, "result", r.path("width").asText() + " x " + r.path("height").asText() + " "
                    + r.path("contentType").asText("") + "  " + r.path("url").asText());
        } else if (r.hasNonNull("modelId")) {
            line(b, "model id", r.path("modelId").asText());
        }
        if (v.hasNonNull("error")) {
            line(b, "error", v.path("error").path("code").asText() + ": " + v.path("error").path("message").asText());
        }
        if (v.hasNonNull("progress")) {
            line(b, "progress", progress(v.get("progress")));
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String key, String value) {
        if (value != null && !value.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%-9s %s%n", key, value));
        }
    }

    /** "step 120/2000 · loss 1.23e+05 (content 3.40e+04 style 8.10e+04 tv 12.0) · 3.10 steps/s · ETA 10 min" */
    static String progress(JsonNode p) {
        List<String> parts = new ArrayList<>();
        if (p.hasNonNull("step")) {
            parts.add("step " + p.path("step").asLong() + (p.hasNonNull("totalSteps") ? "/" + p.path("totalSteps").asLong() : ""));
        }
        JsonNode losses = p.path("losses");
        if (losses.isObject()) {
            List<String> terms = new ArrayList<>();
            for (String t : TERMS) {
                if (losses.hasNonNull(t)) {
                    terms.add(t + " " + number(losses.path(t).asDouble()));
                }
            }
            String total = losses.hasNonNull("total") ? "loss " + number(losses.path("total").asDouble()) : "loss";
            parts.add(terms.isEmpty() ? total : total + " (" + String.join(" ", terms) + ")");
        }
        if (p.hasNonNull("stepsPerSecond")) {
            parts.add(String.format(Locale.ROOT, "%.2f steps/s", p.path("stepsPerSecond").asDouble()));
        }
        if (p.hasNonNull("etaSeconds")) {
            parts.add("ETA " + duration(p.path("etaSeconds").asLong()));
        }
        return String.join(" · ", parts);
    }

    /** The fraction done, or -1 when the progress does not say. */
    static double fraction(JsonNode p) {
        long total = p.path("totalSteps").asLong(0);
        return total > 0 && p.hasNonNull("step") ? Math.min(1.0, p.path("step").asDouble() / total) : -1;
    }

    static String number(double v) {
        double a = Math.abs(v);
        return a != 0 && (a >= 1e4 || a < 1e-2) ? String.format(Locale.ROOT, "%.2e", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    static String duration(long s) {
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }

    static String bytes(long n) {
        return n < 1024 ? n + " B" : n < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", n / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
    }
}
