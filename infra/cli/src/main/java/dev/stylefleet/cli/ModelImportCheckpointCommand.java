package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code models import-checkpoint DIR --id NAME}: converts a pretrained fast-style-transfer
 * checkpoint (manifest.json + raw float32 or float16 files, the ml5 / deeplearn.js layout) into a
 * stylefleet model (a TransformerNet checkpoint with checkpoint.json, and its ONNX export), then
 * publishes the ONNX model through the API ({@code POST /v1/models}, as {@code models import}). The
 * conversion needs TensorFlow: it is the training worker's {@code ImportCheckpointCommand}, run in a JVM
 * of its own ({@link TrainingTools}). {@code --no-publish} converts only (no server needed);
 * {@code --compact-out} also writes the compact form of the checkpoint (float16 kernels, float32 1-D
 * variables).
 */
@Command(name = "import-checkpoint", mixinStandardHelpOptions = true,
        description = {"Import a pretrained fast-style-transfer checkpoint (manifest.json + raw weights, as in "
                + "ml5's style-transfer models) as a stylize model: converted here to a TransformerNet checkpoint "
                + "and ONNX, then published to the registry.",
                "The net: arch " + "c9s1-32,d64,d128,R128x5,u64,u32,c9s1-3 with instance norm, TF SAME padding, raw "
                        + "input, output 150 tanh + 127.5 (docs/models.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:imported", "2:usage error, invalid checkpoint, or refused by the server",
                "3:server unreachable or server error"})
final class ModelImportCheckpointCommand extends ApiCommand {
    static final Pattern MODEL_ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");

    @Parameters(index = "0", paramLabel = "DIR", description = "The checkpoint folder (with manifest.json).")
    Path dir;

    @Option(names = "--id", required = true, paramLabel = "NAME", description = "Model id in the registry.")
    String id;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write checkpoint/ and model.onnx (default: ./import-NAME).")
    Path out;

    @Option(names = "--fp16", description = "Store the ONNX model's kernels as float16 (about half the size; "
            + "biases and norm scale/shift stay float32; computed in float32).")
    boolean fp16;

    @Option(names = "--compact-out", paramLabel = "DIR",
            description = "Also write the checkpoint in the compact form (manifest.json, float16 kernels, float32 "
                    + "1-D variables) to DIR.")
    Path compactOut;

    @Option(names = "--no-publish", description = "Convert only; do not publish to the registry.")
    boolean noPublish;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads for the conversion (0: all).")
    int threads;

    @Override
    int execute(ApiClient client) {
        if (!MODEL_ID.matcher(id).matches()) {
            throw usage("--id: model ids are lower-case letters, digits, '.', '_' and '-' (at most 64, starting with "
                    + "a letter or digit), got '" + id + "'");
        }
        if (!Files.isDirectory(dir)) {
            throw usage("DIR: no such directory: " + dir);
        }
        Path target = out != null ? out : Path.of("import-" + id);
        List<String> args = new ArrayList<>(List.of(dir.toString(), "--id", id, "--out", target.toString(),
                "--threads", Integer.toString(threads), "--json"));
        if (fp16) {
            args.add("--fp16");
        }
        if (compactOut != null) {
            args.addAll(List.of("--compact-out", compactOut.toString()));
        }
        StringWriter result = new StringWriter();
        int status;
        try {
            status = TrainingTools.run(TrainingTools.IMPORT_CHECKPOINT, args, result, err());
        } catch (TrainingTools.NotBuilt e) {
            throw new ApiFailure(0, "NOT_BUILT", e.getMessage(), null);
        }
        if (status != 0) {
            // The converter has printed why (an invalid checkpoint is its usage error, 2).
            return status == StylefleetCli.EXIT_USAGE ? StylefleetCli.EXIT_USAGE : StylefleetCli.EXIT_SERVER;
        }
        JsonNode r;
        try {
            r = ApiClient.JSON.readTree(result.toString());
        } catch (IOException e) {
            throw new IllegalStateException("unexpected output of the checkpoint conversion: " + result, e);
        }
        Path model = Path.of(r.path("model").asText());
        if (!api.json) {
            out().printf("checkpoint  %s (%s, %s)%n", r.path("checkpoint").asText(), r.path("architecture").asText(),
                    r.path("options").asText());
            out().printf("model       %s (%,d bytes, weights %s; TensorFlow vs ONNX Runtime max |diff| %.1e)%n",
                    model, r.path("bytes").asLong(), r.path("weights").asText(), r.path("parityMaxAbs").asDouble());
            out().flush();
        }
        if (noPublish) {
            if (api.json) {
                printJson(Map.of("checkpoint", r.path("checkpoint").asText(), "model", model.toString()));
            }
            return 0;
        }
        byte[] onnx;
        try {
            onnx = Files.readAllBytes(model);
        } catch (IOException e) {
            throw usage("cannot read the converted model " + model + ": " + e.getMessage());
        }
        MultipartBody form = new MultipartBody().field("id", id).field("task", "stylize").field("scale", 1)
                .file("file", model.getFileName().toString(), "application/octet-stream", onnx);
        JsonNode published = Uploads.post(client, "v1/models", form, ProgressBar.forCommand(err(), api.json),
                "upload " + model.getFileName());
        if (api.json) {
            printJson(published);
        } else {
            out().println("imported model " + published.path("id").asText(id) + " version "
                    + published.path("version").asText("?") + " (stylize, x1)");
            out().flush();
        }
        return 0;
    }
}
