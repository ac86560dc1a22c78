package dev.stylefleet.train.pretrained;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The conversion half of {@code ./stylefleet models import-checkpoint}: a pretrained fast-style-transfer
 * checkpoint (manifest.json + raw float32 or float16 files, the ml5 / deeplearn.js layout) into a
 * stylefleet model ({@link PretrainedImport}: a TransformerNet checkpoint with checkpoint.json and its
 * ONNX export, checked against the TensorFlow forward). It needs TensorFlow, so it runs here, in a JVM
 * on worker-train's class path; the CLI starts it and then publishes {@code OUT/model.onnx} itself.
 * Exit codes: 0 converted, 2 usage error or invalid checkpoint.
 *
 * <p>Runnable on its own: {@code java -cp <worker-train classpath>
 * dev.stylefleet.train.pretrained.ImportCheckpointCommand --help}.
 */
@Command(name = "import-checkpoint", mixinStandardHelpOptions = true,
        description = "Convert a pretrained fast-style-transfer checkpoint (manifest.json + raw weights) into a "
                + "TransformerNet checkpoint and its ONNX export.")
public final class ImportCheckpointCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The checkpoint folder (with manifest.json).")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where to write checkpoint/ and " + PretrainedImport.MODEL_FILE + ".")
    Path out;

    @Option(names = "--id", paramLabel = "NAME", description = "The model id, recorded as provenance.")
    String id;

    @Option(names = "--fp16", description = "Store the ONNX model's kernels as float16 (biases and norm scale/shift "
            + "stay float32; computed in float32).")
    boolean fp16;

    @Option(names = "--compact-out", paramLabel = "DIR",
            description = "Also write the checkpoint in the compact form (manifest.json, float16 kernels, float32 "
                    + "1-D variables) to DIR.")
    Path compactOut;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads for the conversion (0: all).")
    int threads;

    @Option(names = "--json", description = "Print the result as one JSON object instead of text.")
    boolean json;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ImportCheckpointCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "DIR: no such directory: " + dir);
        }
        PretrainedCheckpoint checkpoint;
        try {
            checkpoint = PretrainedImport.read(CheckpointSource.directory(dir));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "DIR: " + e.getMessage());
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("modelId", id);
        provenance.put("source", dir.toAbsolutePath().normalize().toString());
        PretrainedImport.Result r = PretrainedImport.convert(checkpoint, out, provenance, threads, fp16);
        PrintWriter w = spec.commandLine().getOut();
        if (compactOut != null) {
            double rounding = checkpoint.writeCompact(compactOut);
            spec.commandLine().getErr().printf("compact float16 checkpoint written to %s (largest rounding %.1e)%n",
                    compactOut, rounding);
            spec.commandLine().getErr().flush();
        }
        String weights = fp16 ? "float16" : "float32";
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("checkpoint", r.checkpointDir().toString());
            result.put("model", r.model().toString());
            result.put("architecture", FastStyleTransferNet.ARCH.canonical());
            result.put("options", FastStyleTransferNet.OPTIONS.describe());
            result.put("bytes", r.onnx().length);
            result.put("weights", weights);
            result.put("parityMaxAbs", r.parityMaxAbs());
            w.println(JSON.writeValueAsString(result));
        } else {
            w.printf("checkpoint  %s (%s, %s)%n", r.checkpointDir(), FastStyleTransferNet.ARCH.canonical(),
                    FastStyleTransferNet.OPTIONS.describe());
            w.printf("model       %s (%,d bytes, weights %s; TensorFlow vs ONNX Runtime max |diff| %.1e)%n",
                    r.model(), r.onnx().length, weights, r.parityMaxAbs());
        }
        w.flush();
        return 0;
    }
}
