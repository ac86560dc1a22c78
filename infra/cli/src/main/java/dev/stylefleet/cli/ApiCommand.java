package dev.stylefleet.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * A command that calls the gateway. Turns the ways a call can go wrong into the CLI's exit codes: a
 * refused request (4xx) is {@link StylefleetCli#EXIT_USAGE}, an unreachable or broken server
 * {@link StylefleetCli#EXIT_SERVER}; a job that ended FAILED or CANCELLED is returned by the command as
 * {@link StylefleetCli#EXIT_JOB_FAILED}. Problems found before calling (a missing file) are usage
 * errors too.
 */
abstract class ApiCommand implements Callable<Integer> {
    @Mixin
    ApiOptions api;

    @Spec
    CommandLine.Model.CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A usage error (exit 2, with the command's usage) found before anything was sent. */
    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Override
    public final Integer call() {
        try {
            return execute(api.client());
        } catch (CommandLine.ParameterException e) {
            // Found while running (a missing file): reported like picocli's own usage errors.
            err().println("stylefleet " + spec.name() + ": " + e.getMessage());
            err().println("Try 'stylefleet " + spec.qualifiedName(" ").replaceFirst("^stylefleet ", "") + " --help'.");
            err().flush();
            return StylefleetCli.EXIT_USAGE;
        } catch (ApiFailure f) {
            if (api.json) {
                out().println(f.toJson());
                out().flush();
            }
            err().println("stylefleet " + spec.name() + ": " + f.code + ": " + f.getMessage()
                    + (f.status > 0 ? " (HTTP " + f.status + ")" : ""));
            err().flush();
            return f.exitCode();
        }
    }

    abstract int execute(ApiClient client);

    /** Prints a JSON value on stdout (for --json). */
    void printJson(Object value) {
        try {
            out().println(ApiClient.JSON.writeValueAsString(value));
            out().flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static int exitCodeFor(com.fasterxml.jackson.databind.JsonNode finalView) {
        return "SUCCEEDED".equals(finalView.path("state").asText()) ? 0 : StylefleetCli.EXIT_JOB_FAILED;
    }
}
