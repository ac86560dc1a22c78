package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code models}: the models in the registry ({@code GET /v1/models}); {@code models import} adds one. */
@Command(name = "models", mixinStandardHelpOptions = true,
        subcommands = {ModelImportCommand.class, ModelImportCheckpointCommand.class},
        description = "List the models (built-in, trained, imported); 'models import' adds an ONNX model, "
                + "'models import-checkpoint' a pretrained fast-style-transfer checkpoint.")
final class ModelsCommand extends ApiCommand {
    @Override
    int execute(ApiClient client) {
        JsonNode models = client.getJson("v1/models");
        if (api.json) {
            printJson(models);
            return 0;
        }
        TextTable t = new TextTable("ID", "TASK", "SCALE", "VERSION", "ORIGIN", "INT8", "CREATED", "ARCHITECTURE");
        for (JsonNode m : models) {
            t.row(m.path("id").asText(), m.path("task").asText(), "x" + m.path("scale").asInt(1),
                    m.path("version").asText(null), m.path("builtin").asBoolean() ? "built-in" : "registry",
                    int8(m.path("int8")), m.path("created").asText(null), m.path("architecture").asText(null));
        }
        t.print(out());
        return 0;
    }

    /** "-" without an int8 variant, else the gate's figure: PSNR against fp32 (and the SR loss against truth). */
    static String int8(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return "-";
        }
        String s = String.format(java.util.Locale.ROOT, "%.1f dB", v.path("psnrVsFp32Db").asDouble());
        if (v.hasNonNull("fp32PsnrVsTruthDb") && v.hasNonNull("int8PsnrVsTruthDb")) {
            s += String.format(java.util.Locale.ROOT, ", -%.3f dB vs truth",
                    v.path("fp32PsnrVsTruthDb").asDouble() - v.path("int8PsnrVsTruthDb").asDouble());
        }
        return s;
    }
}
