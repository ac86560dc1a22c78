package dev.stylefleet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./stylefleet}: the one command a person types. Exit codes: 0 success, 2 usage error,
 * 3 server or infrastructure error, 4 a job that ended FAILED or CANCELLED.
 */
@Command(name = "stylefleet", mixinStandardHelpOptions = true, version = "stylefleet 0.1.0",
        description = "Perceptual-loss style transfer and super-resolution as a service.",
        subcommands = {UpCommand.class, ModelCommands.class, StylizeCommand.class, SuperResolveCommand.class,
                TrainStyleCommand.class, TrainSrCommand.class, StatusCommand.class, WatchCommand.class, StylesCommand.class,
                ModelsCommand.class, DatasetsCommand.class, CommandLine.HelpCommand.class})
public final class StylefleetCli implements Runnable {

    public static final int EXIT_USAGE = 2;
    public static final int EXIT_SERVER = 3;
    public static final int EXIT_JOB_FAILED = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new StylefleetCli());
        // picocli also asks this mapper for parse errors: those stay usage errors.
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_SERVER);
        cli.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        return cli;
    }
}
