package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code datasets}: the training datasets ({@code GET /v1/datasets}); {@code datasets upload} adds one. */
@Command(name = "datasets", mixinStandardHelpOptions = true, subcommands = DatasetUploadCommand.class,
        description = "List the training datasets; 'datasets upload DIR --name NAME' adds one.")
final class DatasetsCommand extends ApiCommand {
    @Override
    int execute(ApiClient client) {
        JsonNode datasets = client.getJson("v1/datasets");
        if (api.json) {
            printJson(datasets);
            return 0;
        }
        if (datasets.isEmpty()) {
            out().println("no datasets yet; upload photos: stylefleet datasets upload DIR --name NAME");
            out().flush();
            return 0;
        }
        TextTable t = new TextTable("NAME", "IMAGES");
        for (JsonNode d : datasets) {
            t.row(d.path("name").asText(), d.path("imageCount").asText(null));
        }
        t.print(out());
        return 0;
    }
}
