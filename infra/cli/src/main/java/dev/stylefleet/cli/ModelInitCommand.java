package dev.stylefleet.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./stylefleet model init ...}: the training worker's {@code ModelInitCommand}, which needs
 * TensorFlow, run in a JVM of its own ({@link TrainingTools}). Every argument, {@code --help} included,
 * is its own: this command only hands them on and returns its exit status.
 */
@Command(name = "init",
        description = {"Write a randomly initialised transform network: a TensorFlow checkpoint and its ONNX export "
                + "(no Kafka or S3 needed).",
                "Runs the training worker's ModelInitCommand in its own JVM; 'model init --help' lists its options "
                        + "(--arch, --preset, --norm, --upsample, --padding, --width, --seed, --out)."})
final class ModelInitCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            return TrainingTools.run(TrainingTools.MODEL_INIT, args, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        } catch (TrainingTools.NotBuilt e) {
            spec.commandLine().getErr().println("stylefleet model init: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return StylefleetCli.EXIT_SERVER;
        }
    }
}
