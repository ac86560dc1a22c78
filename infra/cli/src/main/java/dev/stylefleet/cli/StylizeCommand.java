package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stylize IN --style NAME -o OUT}: one photo through a built-in or trained style network. */
@Command(name = "stylize", mixinStandardHelpOptions = true,
        description = "Repaint a photo in a built-in or trained style; waits for the result and saves it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the result was saved", "2:usage error or request refused (unknown style, bad image, bad key)",
                "3:server unreachable or server error", "4:the job FAILED or was CANCELLED"})
final class StylizeCommand extends ApiCommand {
    @Mixin
    ImageJobOptions job;

    @Option(names = "--style", required = true, paramLabel = "NAME",
            description = "A style's name or id, built-in (e.g. wave) or trained (see 'stylefleet styles'), or a stylize model id.")
    String style;

    @Option(names = "--strength", paramLabel = "0..1", description = "Blend of stylized and original (default 1: fully stylized).")
    Double strength;

    @Option(names = "--preserve-color", description = "Keep the photo's colours; take only the texture from the style.")
    boolean preserveColor;

    @Option(names = "--histogram-match", description = "Match the result's colour histogram to the photo's.")
    boolean histogramMatch;

    @Option(names = "--max-side", paramLabel = "PX", description = "Downscale the photo first so its longer side is at most PX.")
    Integer maxSide;

    @Override
    int execute(ApiClient api) {
        byte[] image = job.readInput(this);
        String model = modelOf(api, style);
        MultipartBody form = job.form("stylize", model)
                .field("strength", strength).field("preserveColor", preserveColor ? "true" : null)
                .field("histogramMatch", histogramMatch ? "true" : null).field("maxSide", maxSide);
        return job.submit(this, api, image, model, form);
    }

    /**
     * The model behind a style: a READY style (built-in or trained) found by name or id gives its model;
     * anything else is taken as a model id, which the gateway checks (UNKNOWN_MODEL).
     */
    String modelOf(ApiClient api, String nameOrId) {
        JsonNode styles;
        try {
            styles = api.getJson("v1/styles");
        } catch (ApiFailure f) {
            if ("NOT_FOUND".equals(f.code)) {
                return nameOrId; // a gateway without styles: the name must be a model id
            }
            throw f;
        }
        for (JsonNode s : styles) {
            if (nameOrId.equals(s.path("name").asText()) || nameOrId.equals(s.path("id").asText())) {
                if (!"READY".equals(s.path("state").asText()) || !s.hasNonNull("modelId")) {
                    throw usage("--style: style '" + nameOrId + "' is " + s.path("state").asText()
                            + "; only READY styles can be used (see 'stylefleet styles')");
                }
                return s.path("modelId").asText();
            }
        }
        return nameOrId;
    }
}
