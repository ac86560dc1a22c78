package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code styles}: the trained styles ({@code GET /v1/styles}). */
@Command(name = "styles", mixinStandardHelpOptions = true, description = "List the styles: name, state, model.")
final class StylesCommand extends ApiCommand {
    @Override
    int execute(ApiClient client) {
        JsonNode styles = client.getJson("v1/styles");
        if (api.json) {
            printJson(styles);
            return 0;
        }
        if (styles.isEmpty()) {
            out().println("no styles yet; train one: stylefleet train-style PAINTING --dataset NAME");
            out().flush();
            return 0;
        }
        TextTable t = new TextTable("NAME", "STATE", "MODEL", "CREATED", "ID");
        for (JsonNode s : styles) {
            t.row(s.path("name").asText(), s.path("state").asText(), s.path("modelId").asText(null),
                    s.path("createdAt").asText(null), s.path("id").asText());
        }
        t.print(out());
        return 0;
    }
}
