package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code super-resolve IN --scale 4 -o OUT}: one photo upscaled. */
@Command(name = "super-resolve", mixinStandardHelpOptions = true,
        description = "Upscale a photo x4 or x8; waits for the result and saves it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the result was saved", "2:usage error or request refused (no model for the scale, bad image, bad key)",
                "3:server unreachable or server error", "4:the job FAILED or was CANCELLED"})
final class SuperResolveCommand extends ApiCommand {
    /** The built-in upscalers' ids (worker-infer BuiltinModels), used when the server cannot list models. */
    static final String BUILTIN_PREFIX = "bicubic-x";

    @Mixin
    ImageJobOptions job;

    @Option(names = "--scale", defaultValue = "4", paramLabel = "N", description = "Upscaling factor (default ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--model", paramLabel = "ID",
            description = "A super-resolution model id (default: your newest trained model for --scale, else the built-in sr-x<N>, else bicubic-x<N>).")
    String model;

    @Override
    int execute(ApiClient api) {
        if (scale < 2) {
            throw usage("--scale: must be at least 2, got " + scale);
        }
        byte[] image = job.readInput(this);
        String id = model != null ? model : modelFor(api, scale);
        return job.submit(this, api, image, id, job.form("super-resolve", id));
    }

    /**
     * The caller's own trained models first (the newest), then the trained built-ins ({@code sr-x4},
     * {@code sr-x8}), then the bicubic baseline.
     */
    String modelFor(ApiClient api, int scale) {
        JsonNode models;
        try {
            models = api.getJson("v1/models");
        } catch (ApiFailure f) {
            if ("NOT_FOUND".equals(f.code)) {
                return BUILTIN_PREFIX + scale; // a gateway that cannot list models: the built-in one
            }
            throw f;
        }
        List<JsonNode> fitting = new ArrayList<>();
        TreeSet<Integer> scales = new TreeSet<>();
        for (JsonNode m : models) {
            if ("super-resolve".equals(m.path("task").asText())) {
                scales.add(m.path("scale").asInt());
                if (m.path("scale").asInt() == scale) {
                    fitting.add(m);
                }
            }
        }
        return fitting.stream()
                .max(java.util.Comparator.comparingInt(SuperResolveCommand::preference)
                        .thenComparing(m -> m.path("created").asText("")))
                .map(m -> m.path("id").asText())
                .orElseThrow(() -> usage("--scale: no super-resolution model for x" + scale + "; available: "
                        + (scales.isEmpty() ? "none" : scales.stream().map(s -> "x" + s).toList())));
    }

    private static int preference(JsonNode m) {
        if (!m.path("builtin").asBoolean()) {
            return 2;
        }
        return m.path("id").asText().startsWith(BUILTIN_PREFIX) ? 0 : 1;
    }
}
