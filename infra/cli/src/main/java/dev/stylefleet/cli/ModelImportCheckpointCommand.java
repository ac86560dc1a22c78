package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stylefleet.train.pretrained.CheckpointSource;
import dev.stylefleet.train.pretrained.FastStyleTransferNet;
import dev.stylefleet.train.pretrained.PretrainedCheckpoint;
import dev.stylefleet.train.pretrained.PretrainedImport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code models import-checkpoint DIR --id NAME}: converts a pretrained fast-style-transfer
 * checkpoint (manifest.json + raw float32 or float16 files, the ml5 / deeplearn.js layout) into a
 * stylefleet model here, in this JVM ({@link PretrainedImport}: a TransformerNet checkpoint with
 * checkpoint.json, and its ONNX export), then publishes the ONNX model through the API
 * ({@code POST /v1/models}, as {@code models import}). {@code --no-publish} converts only (no
 * server needed); {@code --compact-out} also writes the compact form of the checkpoint (float16 kernels, float32 1-D
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
        PretrainedCheckpoint checkpoint;
        try {
            checkpoint = PretrainedImport.read(CheckpointSource.directory(dir));
        } catch (IllegalArgumentException e) {
            throw usage("DIR: " + e.getMessage());
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("modelId", id);
        provenance.put("source", dir.toAbsolutePath().normalize().toString());
        PretrainedImport.Result r = PretrainedImport.convert(checkpoint, target, provenance, threads, fp16);
        if (compactOut != null) {
            double rounding = checkpoint.writeCompact(compactOut);
            err().printf("compact float16 checkpoint written to %s (largest rounding %.1e)%n", compactOut, rounding);
        }
        if (!api.json) {
            out().printf("checkpoint  %s (%s, %s)%n", r.checkpointDir(), FastStyleTransferNet.ARCH.canonical(),
                    FastStyleTransferNet.OPTIONS.describe());
            out().printf("model       %s (%,d bytes, weights %s; TensorFlow vs ONNX Runtime max |diff| %.1e)%n",
                    r.model(), r.onnx().length, fp16 ? "float16" : "float32", r.parityMaxAbs());
            out().flush();
        }
        if (noPublish) {
            if (api.json) {
                printJson(Map.of("checkpoint", r.checkpointDir().toString(), "model", r.model().toString()));
            }
            return 0;
        }
        MultipartBody form = new MultipartBody().field("id", id).field("task", "stylize").field("scale", 1)
                .file("file", PretrainedImport.MODEL_FILE, "application/octet-stream", r.onnx());
        JsonNode model = Uploads.post(client, "v1/models", form, ProgressBar.forCommand(err(), api.json),
                "upload " + PretrainedImport.MODEL_FILE);
        if (api.json) {
            printJson(model);
        } else {
            out().println("imported model " + model.path("id").asText(id) + " version "
                    + model.path("version").asText("?") + " (stylize, x1)");
            out().flush();
        }
        return 0;
    }
}
