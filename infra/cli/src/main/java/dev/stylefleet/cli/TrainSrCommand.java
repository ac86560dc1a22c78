package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train-sr --dataset NAME --name ID}: trains a super-resolution network ({@code POST /v1/upscalers})
 * that is published as model {@code ID}, and follows the training with its losses like {@code train-style}.
 * The common parameters have options of their own; every other form field of the endpoint (the network and
 * loss options: {@code skip}, {@code upsample}, {@code pixelNorm}, ...) goes through {@code --param key=value}.
 * Parameters left out take the training worker's defaults (docs/training.md).
 */
@Command(name = "train-sr", mixinStandardHelpOptions = true,
        description = "Train a super-resolution model (x4 or x8) on an uploaded dataset of photos; follows the training.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the model is trained and published", "2:usage error or request refused (unknown dataset, taken name, bad parameter, bad key)",
                "3:server unreachable or server error", "4:the training FAILED or was CANCELLED"})
final class TrainSrCommand extends ApiCommand {
    /**
     * The fields of {@code POST /v1/upscalers} that {@code --param} may set. Checked here because the
     * server, like any form endpoint, ignores fields it does not know: a misspelt key would silently train
     * with the default.
     */
    static final List<String> PARAM_KEYS = List.of("arch", "norm", "upsample", "padding", "width", "output", "skip",
            "loss", "pixelNorm", "pixelWeight", "contentWeight", "contentLayer", "tvWeight", "degradation",
            "iterations", "batchSize", "imageSize", "learningRate", "lrDecay", "initFrom", "checkpointEvery",
            "progressEvery", "seed", "callbackUrl", "callbackProgress");

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Training photos (see 'stylefleet datasets').")
    String dataset;

    @Option(names = "--name", required = true, paramLabel = "ID",
            description = "Id of the model to publish (lowercase letters, digits, '.', '_', '-'), e.g. sr-x4.")
    String name;

    @Option(names = "--scale", defaultValue = "4", paramLabel = "N", description = "Upscaling factor, 4 or 8 (default ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--iterations", paramLabel = "N", description = "Training steps (default 200000).")
    Integer iterations;

    @Option(names = "--loss", paramLabel = "LOSS", description = "feature (VGG relu2_2, the default) or pixel.")
    String loss;

    @Option(names = "--image-size", paramLabel = "PX", description = "High-resolution patch side, a multiple of the scale (default 288).")
    Integer imageSize;

    @Option(names = "--batch-size", paramLabel = "N", description = "Patches per step (default 4).")
    Integer batchSize;

    @Option(names = "--width", paramLabel = "X", description = "Channel width multiplier of the network (default 1.0).")
    Double width;

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam's learning rate (default 1e-3).")
    Double learningRate;

    @Option(names = "--init-from", paramLabel = "MODEL", description = "Start from this model's weights instead of random ones.")
    String initFrom;

    @Option(names = "--progress-every", paramLabel = "N", description = "Steps between progress reports (default 100).")
    Integer progressEvery;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Steps between checkpoints and previews (default 1000).")
    Integer checkpointEvery;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 0).")
    Long seed;

    @Option(names = "--param", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Any other training parameter of POST /v1/upscalers, e.g. skip=bicubic, upsample=subpixel, "
                    + "norm=none, pixelNorm=l1, lrDecay=cosine, degradation=bicubic. Repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--no-wait", description = "Print the job id and return at once (follow it with 'stylefleet watch').")
    boolean noWait;

    @Override
    int execute(ApiClient client) {
        MultipartBody form = form();
        JsonNode accepted = client.postMultipart("v1/upscalers", form, (sent, total) -> {});
        ProgressBar bar = ProgressBar.forCommand(err(), api.json);
        return TrainingJobFollow.follow(this, client, accepted, bar, noWait, "upscaler '" + name + "' (x" + scale + ")",
                done -> {
                    String model = done.path("result").path("modelId").asText();
                    return "upscaler trained: model " + model + " (use it: stylefleet super-resolve IN --scale " + scale
                            + " --model " + model + ")";
                });
    }

    /** The form: dedicated options and {@code --param}s; a key given both ways, or unknown, is a usage error. */
    MultipartBody form() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("dataset", dataset);
        fields.put("scale", scale);
        fields.put("iterations", iterations);
        fields.put("loss", loss);
        fields.put("imageSize", imageSize);
        fields.put("batchSize", batchSize);
        fields.put("width", width);
        fields.put("learningRate", learningRate);
        fields.put("initFrom", initFrom);
        fields.put("progressEvery", progressEvery);
        fields.put("checkpointEvery", checkpointEvery);
        fields.put("seed", seed);
        for (Map.Entry<String, String> p : params.entrySet()) {
            String key = p.getKey().trim();
            if (!PARAM_KEYS.contains(key)) {
                throw usage("--param " + key + ": not a training parameter; known: " + String.join(", ", PARAM_KEYS));
            }
            if (fields.get(key) != null) {
                throw usage("--param " + key + ": already set by its own option");
            }
            if (p.getValue().isBlank()) {
                throw usage("--param " + key + ": needs a value (" + key + "=VALUE)");
            }
            fields.put(key, p.getValue().trim());
        }
        MultipartBody form = new MultipartBody();
        fields.forEach(form::field);
        return form;
    }
}
