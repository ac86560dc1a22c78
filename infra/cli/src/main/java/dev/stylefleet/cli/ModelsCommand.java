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
        TextTable t = new TextTable("ID", "TASK", "SCALE", "VERSION", "ORIGIN", "CREATED", "ARCHITECTURE");
        for (JsonNode m : models) {
            t.row(m.path("id").asText(), m.path("task").asText(), "x" + m.path("scale").asInt(1),
                    m.path("version").asText(null), m.path("builtin").asBoolean() ? "built-in" : "registry",
                    m.path("created").asText(null), m.path("architecture").asText(null));
        }
        t.print(out());
        return 0;
    }
}
