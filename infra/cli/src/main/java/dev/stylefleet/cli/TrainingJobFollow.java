package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * What {@code train-style} and {@code train-sr} do once the gateway accepted their training job: print
 * its id and stop ({@code --no-wait}), or follow it to its end with a progress bar and say how to use
 * the model it produced. Exit code as {@link ApiCommand#exitCodeFor}.
 */
final class TrainingJobFollow {
    private TrainingJobFollow() {}

    /**
     * @param what        the job's subject for the status line, e.g. {@code style 'wave'}
     * @param successLine the line printed when the job SUCCEEDED, from its final view
     */
    static int follow(ApiCommand command, ApiClient client, JsonNode accepted, ProgressBar bar, boolean noWait,
            String what, Function<JsonNode, String> successLine) {
        String id = accepted.path("id").asText();
        if (noWait) {
            if (command.api.json) {
                command.printJson(accepted);
            } else {
                command.out().println(id);
            }
            return 0;
        }
        if (!command.api.json) {
            command.err().println("training job " + id + " for " + what + " " + accepted.path("state").asText()
                    + " (Ctrl-C stops watching, not training; 'stylefleet watch " + id + "' resumes)");
            command.err().flush();
        }
        JsonNode done = new JobWatcher(client, bar, (t, v) -> {}).watch(id);
        if (command.api.json) {
            command.printJson(done);
        } else if ("SUCCEEDED".equals(done.path("state").asText())) {
            command.out().println(successLine.apply(done));
        }
        JobWatcher.printOutcome(command.err(), done);
        return ApiCommand.exitCodeFor(done);
    }
}
