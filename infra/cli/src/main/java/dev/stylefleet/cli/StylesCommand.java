package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/**
 * {@code styles}: the styles ({@code GET /v1/styles}): the built-in gallery first (the server lists it
 * first), then the styles this key trained.
 */
@Command(name = "styles", mixinStandardHelpOptions = true,
        description = "List the styles: built-in ones first, then trained ones (name, origin, state, model).")
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
        TextTable t = new TextTable("NAME", "ORIGIN", "STATE", "MODEL", "ARTIST", "CREATED", "ID");
        for (JsonNode s : styles) {
            boolean builtin = s.path("builtin").asBoolean(false);
            t.row(s.path("name").asText(), builtin ? "built-in" : "trained", s.path("state").asText(),
                    s.path("modelId").asText(null), s.path("artist").asText(null),
                    builtin ? null : s.path("createdAt").asText(null), s.path("id").asText());
        }
        t.print(out());
        return 0;
    }
}
