package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code watch ID}: follow a job live until it ends. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Follow a job live until it ends: a progress bar with the step and the loss values.",
                "With --json, every event as one JSON line {\"event\": \"state\"|\"progress\", \"data\": {...}}."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the job SUCCEEDED", "2:no such job (for this key), or a bad key",
                "3:server unreachable or server error", "4:the job FAILED or was CANCELLED"})
final class WatchCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The job id.")
    String id;

    @Override
    int execute(ApiClient client) {
        JobIdArgument.check(this, id);
        ProgressBar bar = ProgressBar.forCommand(err(), api.json);
        JsonNode done = new JobWatcher(client, bar, (type, value) -> {
            if (api.json) {
                var line = ApiClient.JSON.createObjectNode();
                line.put("event", type);
                line.set("data", value);
                printJson(line);
            }
        }).watch(id);
        if (!api.json) {
            out().print(JobDisplay.describe(done));
            out().flush();
            JobWatcher.printOutcome(err(), done);
        }
        return exitCodeFor(done);
    }
}
