package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stylize IN --style NAME -o OUT}: one photo through a trained style network. */
@Command(name = "stylize", mixinStandardHelpOptions = true,
        description = "Repaint a photo in a trained style; waits for the result and saves it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the result was saved", "2:usage error or request refused (unknown style, bad image, bad key)",
                "3:server unreachable or server error", "4:the job FAILED or was CANCELLED"})
final class StylizeCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "IN", description = "The photo (PNG, JPEG or WebP).")
    Path input;

    @Option(names = "--style", required = true, paramLabel = "NAME",
            description = "A style's name or id (see 'stylefleet styles'), or a stylize model id.")
    String style;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Where to save the result (default: IN's name plus the model id, next to IN).")
    Path output;

    @Option(names = "--format", paramLabel = "FMT", description = "png, jpeg or webp (default: from OUT's extension, else png).")
    String format;

    @Option(names = "--strength", paramLabel = "0..1", description = "Blend of stylized and original (default 1: fully stylized).")
    Double strength;

    @Option(names = "--preserve-color", description = "Keep the photo's colours; take only the texture from the style.")
    boolean preserveColor;

    @Option(names = "--histogram-match", description = "Match the result's colour histogram to the photo's.")
    boolean histogramMatch;

    @Option(names = "--max-side", paramLabel = "PX", description = "Downscale the photo first so its longer side is at most PX.")
    Integer maxSide;

    @Option(names = "--quality", paramLabel = "1..100", description = "JPEG/WebP quality.")
    Integer quality;

    @Option(names = "--no-wait", description = "Print the job id and return at once (follow it with 'stylefleet watch').")
    boolean noWait;

    @Override
    int execute(ApiClient api) {
        byte[] image = ImageJob.readInput(this, input);
        String model = modelOf(api, style);
        String fmt = ImageJob.format(format, output);
        Path out = output != null ? output : ImageJob.defaultOutput(input, model, fmt);
        MultipartBody form = new MultipartBody().field("task", "stylize").field("model", model).field("format", fmt)
                .field("strength", strength).field("preserveColor", preserveColor ? "true" : null)
                .field("histogramMatch", histogramMatch ? "true" : null).field("maxSide", maxSide)
                .field("quality", quality);
        return ImageJob.run(this, api, input, image, form, out, !noWait);
    }

    /**
     * The model behind a style: a READY style found by name or id gives its model; anything else is taken
     * as a model id, which the gateway checks (UNKNOWN_MODEL).
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
