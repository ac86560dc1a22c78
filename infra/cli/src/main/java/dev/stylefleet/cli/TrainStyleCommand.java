package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code train-style STYLE_IMAGE --dataset NAME}: trains a style network from one painting
 * ({@code POST /v1/styles}) and follows the training with its losses. Parameters left out take the
 * training worker's defaults (docs/training.md).
 */
@Command(name = "train-style", mixinStandardHelpOptions = true,
        description = "Train a new style from a painting on an uploaded dataset of photos; follows the training.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the style is trained (READY)", "2:usage error or request refused (unknown dataset, bad image, bad key)",
                "3:server unreachable or server error", "4:the training FAILED or was CANCELLED"})
final class TrainStyleCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "STYLE_IMAGE", description = "The painting whose style to learn.")
    Path styleImage;

    @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "Training photos (see 'stylefleet datasets').")
    String dataset;

    @Option(names = "--name", paramLabel = "NAME", description = "The style's name (default: from the file name).")
    String name;

    @Option(names = "--iterations", paramLabel = "N", description = "Training steps (default 40000).")
    Integer iterations;

    @Option(names = "--style-weight", paramLabel = "W", description = "Style loss weight (default 5.0).")
    Double styleWeight;

    @Option(names = "--content-weight", paramLabel = "W", description = "Content (feature) loss weight (default 1.0).")
    Double contentWeight;

    @Option(names = "--tv-weight", paramLabel = "W", description = "Total-variation weight (default 1e-6).")
    Double tvWeight;

    @Option(names = "--style-size", paramLabel = "PX", description = "Side the painting is resized to (default 256).")
    Integer styleSize;

    @Option(names = "--image-size", paramLabel = "PX", description = "Training crop size (default 256).")
    Integer imageSize;

    @Option(names = "--width", paramLabel = "X", description = "Channel width multiplier of the network (default 1.0).")
    Double width;

    @Option(names = "--batch-size", paramLabel = "N", description = "Images per step (default 4).")
    Integer batchSize;

    @Option(names = "--progress-every", paramLabel = "N", description = "Steps between progress reports and previews (default 100).")
    Integer progressEvery;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Steps between checkpoints and previews (default 1000).")
    Integer checkpointEvery;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 0).")
    Long seed;

    @Option(names = "--no-wait", description = "Print the job id and return at once (follow it with 'stylefleet watch').")
    boolean noWait;

    @Override
    int execute(ApiClient client) {
        if (!Files.isRegularFile(styleImage)) {
            throw usage("STYLE_IMAGE: no such file: " + styleImage);
        }
        byte[] painting;
        try {
            painting = Files.readAllBytes(styleImage);
        } catch (IOException e) {
            throw usage("STYLE_IMAGE: cannot read " + styleImage + ": " + e.getMessage());
        }
        String styleName = name != null ? name : defaultName(styleImage);
        MultipartBody form = new MultipartBody().field("name", styleName).field("dataset", dataset)
                .field("iterations", iterations).field("styleWeight", styleWeight).field("contentWeight", contentWeight)
                .field("tvWeight", tvWeight).field("styleSize", styleSize).field("imageSize", imageSize)
                .field("width", width).field("batchSize", batchSize).field("progressEvery", progressEvery)
                .field("checkpointEvery", checkpointEvery)
                .field("seed", seed)
                .file("styleImage", styleImage.getFileName().toString(), "application/octet-stream", painting);
        ProgressBar bar = ProgressBar.forCommand(err(), api.json);
        JsonNode accepted = Uploads.post(client, "v1/styles", form, bar, "upload " + styleImage.getFileName());
        return TrainingJobFollow.follow(this, client, accepted, bar, noWait, "style '" + styleName + "'",
                done -> "style '" + styleName + "' trained: model " + done.path("result").path("modelId").asText()
                        + " (use it: stylefleet stylize IN --style " + styleName + ")");
    }

    /** {@code The Starry Night.jpg} → {@code the-starry-night} (the gateway's id syntax). */
    static String defaultName(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        n = (dot > 0 ? n.substring(0, dot) : n).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[^a-z0-9]+", "");
        return n.isEmpty() ? "style" : n.substring(0, Math.min(64, n.length()));
    }
}
