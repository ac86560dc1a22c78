package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code status ID}: a job's state once. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a job: state, result or error, progress.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the job exists and is QUEUED, RUNNING or SUCCEEDED", "2:no such job (for this key), or a bad key",
                "3:server unreachable or server error", "4:the job FAILED or was CANCELLED"})
final class StatusCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The job id.")
    String id;

    @Override
    int execute(ApiClient client) {
        JsonNode view = client.getJson("v1/jobs/" + JobIdArgument.check(this, id));
        if (api.json) {
            printJson(view);
        } else {
            out().print(JobDisplay.describe(view));
            out().flush();
        }
        String state = view.path("state").asText();
        return "FAILED".equals(state) || "CANCELLED".equals(state) ? StylefleetCli.EXIT_JOB_FAILED : 0;
    }
}
