package dev.stylefleet.train.pretrained;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stylefleet.train.checkpoint.Checkpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The conversion behind {@code ./stylefleet models import-checkpoint} (the CLI runs this command in a
 * JVM of its own and publishes the result; that path: infra/cli's WorkerTrainToolsIT). The input is a
 * built-in compact checkpoint copied out of this module's resources (tests never read ../shared).
 */
class ImportCheckpointCommandTest {
    @TempDir
    Path tmp;

    @Test
    void convertsACheckpointFolderAndWritesTheCompactForm() throws IOException {
        Path src = copyBuiltin("udnie", tmp.resolve("udnie"));
        Run r = run(src.toString(), "--id", "my-udnie", "--out", tmp.resolve("out").toString(), "--fp16",
                "--compact-out", tmp.resolve("compact").toString(), "--threads", "2");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("checkpoint", "model", "weights float16", "instance/deconv/same/w1.0/raw/tanh150");
        assertThat(r.err).contains("compact float16 checkpoint written to");
        assertThat(Files.size(tmp.resolve("out/model.onnx"))).isBetween(3_000_000L, 3_600_000L);
        assertThat(Checkpoint.readMetadata(tmp.resolve("out/checkpoint")).netOptions())
                .isEqualTo(FastStyleTransferNet.OPTIONS);
        assertThat(PretrainedCheckpoint.read(tmp.resolve("compact")).storedDtype())
                .isEqualTo(PretrainedCheckpoint.Dtype.FLOAT16);
    }

    @Test
    void printsOneJsonObjectWithJson() throws IOException {
        Path src = copyBuiltin("wave", tmp.resolve("wave"));
        Run r = run(src.toString(), "--out", tmp.resolve("out").toString(), "--threads", "2", "--json");
        assertThat(r.code).as(r.err).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.path("model").asText()).isEqualTo(tmp.resolve("out").resolve(PretrainedImport.MODEL_FILE).toString());
        assertThat(j.path("weights").asText()).isEqualTo("float32");
        assertThat(j.path("parityMaxAbs").asDouble()).isLessThan(1e-2);
    }

    @Test
    void refusesBrokenAndMissingCheckpointsAsUsageErrors() throws IOException {
        Path src = copyBuiltin("wave", tmp.resolve("wave"));
        byte[] b = Files.readAllBytes(src.resolve("Variable_7"));
        Files.write(src.resolve("Variable_7"), java.util.Arrays.copyOf(b, b.length - 2));
        Run broken = run(src.toString(), "--out", tmp.resolve("o1").toString());
        assertThat(broken.code).isEqualTo(2);
        assertThat(broken.err).contains("variable Variable_7: file Variable_7")
                .contains("shape [128] of float32 needs 512"); // 1-D variables stay float32 in the compact form

        Run missing = run(tmp.resolve("nothing").toString(), "--out", tmp.resolve("o2").toString());
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).contains("no such directory");
    }

    /** The compact checkpoint of a built-in style, copied from the classpath into {@code dir}. */
    static Path copyBuiltin(String id, Path dir) throws IOException {
        Files.createDirectories(dir);
        String root = BuiltinStyle.RESOURCE_ROOT + "/" + id + "/";
        byte[] manifest = resource(root + PretrainedCheckpoint.MANIFEST);
        Files.write(dir.resolve(PretrainedCheckpoint.MANIFEST), manifest);
        for (Iterator<String> it = new ObjectMapper().readTree(manifest).fieldNames(); it.hasNext(); ) {
            String name = it.next();
            Files.write(dir.resolve(name), resource(root + name));
        }
        return dir;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImportCheckpointCommandTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cli = new CommandLine(new ImportCheckpointCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
