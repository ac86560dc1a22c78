package dev.stylefleet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./stylefleet model ...}: developer commands on models. {@code model init} is the training
 * worker's {@code ModelInitCommand}, found by name so that this module does not need TensorFlow on its
 * compile path.
 */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Developer commands on models.")
final class ModelCommands implements Runnable {
    static final String MODEL_INIT_CLASS = "dev.stylefleet.train.ModelInitCommand";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static void register(CommandLine root) {
        CommandLine model = new CommandLine(new ModelCommands());
        try {
            Object init = Class.forName(MODEL_INIT_CLASS).getDeclaredConstructor().newInstance();
            model.addSubcommand("init", init);
        } catch (ReflectiveOperationException | LinkageError e) {
            // The training worker is not on the class path (for example a CLI-only build): say so.
        }
        root.addSubcommand("model", model);
    }
}
