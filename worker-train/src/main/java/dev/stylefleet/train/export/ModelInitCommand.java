package dev.stylefleet.train.export;

import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.train.checkpoint.Checkpoint;
import dev.stylefleet.train.checkpoint.CheckpointMetadata;
import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.NetOptions;
import dev.stylefleet.train.net.TransformerSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stylefleet model init}: writes a randomly initialised checkpoint and its ONNX export, so
 * that anyone can exercise inference without training. Needs neither Kafka nor S3.
 *
 * <pre>
 *   OUT/checkpoint/checkpoint.json, variables.index, variables.data-00000-of-00001
 *   OUT/model.onnx   input 'image' NCHW float32 RGB [0,255], output NCHW [0,255]
 * </pre>
 *
 * Runnable on its own: {@code java -cp <worker-train classpath> dev.stylefleet.train.export.ModelInitCommand --help}.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a randomly initialised transform network: a TensorFlow checkpoint and its ONNX export.")
public final class ModelInitCommand implements Callable<Integer> {
    public static final String CHECKPOINT_DIR = "checkpoint";
    public static final String MODEL_FILE = "model.onnx";

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "ARCH",
            description = "Preset (style, style-plain, sr4, sr8) or architecture string such as "
                    + "c9s1-32,d64,d128,R128x5,u64,u32,c9s1-3. Default: style.")
    String arch;

    @Option(names = "--preset", paramLabel = "NAME", description = "Same as --arch with a preset name.")
    String preset;

    @Option(names = "--norm", defaultValue = "batch", description = "batch (paper) or instance. Default: ${DEFAULT-VALUE}.")
    String norm;

    @Option(names = "--upsample", defaultValue = "deconv",
            description = "deconv (stride-1/2 convolution, paper) or resize (nearest x2 + conv). Default: ${DEFAULT-VALUE}.")
    String upsample;

    @Option(names = "--padding", defaultValue = "zero", description = "zero (paper) or reflect. Default: ${DEFAULT-VALUE}.")
    String padding;

    @Option(names = "--width", defaultValue = "1.0",
            description = "Channel width multiplier, for example 0.5 for CPU-sized models. Default: ${DEFAULT-VALUE}.")
    double width;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ModelInitCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (arch != null && preset != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --arch or --preset, not both");
        }
        ArchSpec archSpec;
        NetOptions options;
        try {
            archSpec = preset != null ? ArchSpec.preset(preset) : ArchSpec.parse(arch == null ? "style" : arch);
            options = new NetOptions(NetOptions.Norm.parse(norm), NetOptions.Upsample.parse(upsample),
                    NetOptions.Padding.parse(padding), width);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path checkpointDir = out.resolve(CHECKPOINT_DIR);
        Files.createDirectories(checkpointDir);
        Map<String, Object> trainingSpec = new LinkedHashMap<>();
        trainingSpec.put("kind", "random-init");
        trainingSpec.put("seed", seed);
        long params;
        try (TransformerSession s = TransformerSession.create(archSpec, options, seed, 0)) {
            params = s.net().trainableParameterCount();
            Checkpoint.write(s, checkpointDir, CheckpointMetadata.of(archSpec, options, seed, 0, List.of(), trainingSpec));
        }
        byte[] onnx = OnnxExporter.exportCheckpoint(checkpointDir);
        Path model = out.resolve(MODEL_FILE);
        Files.write(model, onnx);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("architecture  %s (%s)%n", archSpec.canonical(), archSpec.name());
        w.printf("options       %s%n", options.describe());
        w.printf("parameters    %,d trainable%n", params);
        w.printf("scale         %d, minimum input side %d%n", archSpec.scale(), archSpec.minInputSide(options));
        w.printf("checkpoint    %s%n", checkpointDir);
        w.printf("model         %s (%,d bytes, sha256 %s)%n", model, onnx.length, ModelRegistry.sha256(onnx));
        w.flush();
        return 0;
    }
}
