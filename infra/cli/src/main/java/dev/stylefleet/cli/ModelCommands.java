package dev.stylefleet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./stylefleet model ...}: developer commands on models. {@code model init} is the training
 * worker's own command, run in a JVM of its own ({@link ModelInitCommand}, {@link TrainingTools}).
 */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Developer commands on models.",
        subcommands = ModelInitCommand.class)
final class ModelCommands implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
