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
 * {@code models import FILE.onnx}: registers an ONNX model ({@code POST /v1/models}). The server checks
 * the model interface (input {@code image} float32 NCHW RGB in [0,255], output scaled by {@code scale})
 * and answers MODEL_INVALID otherwise.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import an ONNX model (for example a pytorch/examples fast-neural-style export).",
                "Interface: one input 'image' float32 [N,3,H,W] RGB in [0,255]; output [N,3,H*s,W*s] in [0,255]."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:imported", "2:usage error or refused (MODEL_INVALID, bad id)", "3:server unreachable or server error"})
final class ModelImportCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "FILE.onnx", description = "The ONNX model file.")
    Path file;

    @Option(names = "--id", paramLabel = "ID", description = "Model id (default: from the file name).")
    String id;

    @Option(names = "--task", defaultValue = "stylize", paramLabel = "TASK",
            description = "stylize or super-resolve (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--scale", paramLabel = "S", description = "Upscaling factor (default 1 for stylize; required for super-resolve).")
    Integer scale;

    @Override
    int execute(ApiClient client) {
        if (!Files.isRegularFile(file)) {
            throw usage("FILE.onnx: no such file: " + file);
        }
        if (!task.equals("stylize") && !task.equals("super-resolve")) {
            throw usage("--task: stylize or super-resolve, got '" + task + "'");
        }
        if (task.equals("super-resolve") && scale == null) {
            throw usage("--scale: required for a super-resolve model (for example --scale 4)");
        }
        byte[] onnx;
        try {
            onnx = Files.readAllBytes(file);
        } catch (IOException e) {
            throw usage("FILE.onnx: cannot read " + file + ": " + e.getMessage());
        }
        String modelId = id != null ? id : TrainStyleCommand.defaultName(file).toLowerCase(Locale.ROOT);
        MultipartBody form = new MultipartBody().field("id", modelId).field("task", task)
                .field("scale", scale != null ? scale : 1)
                .file("file", file.getFileName().toString(), "application/octet-stream", onnx);
        JsonNode model = Uploads.post(client, "v1/models", form, ProgressBar.forCommand(err(), api.json),
                "upload " + file.getFileName());
        if (api.json) {
            printJson(model);
        } else {
            out().println("imported model " + model.path("id").asText(modelId) + " version "
                    + model.path("version").asText("?") + " (" + model.path("task").asText(task) + ", x"
                    + model.path("scale").asInt(scale != null ? scale : 1) + ")");
            out().flush();
        }
        return 0;
    }
}
