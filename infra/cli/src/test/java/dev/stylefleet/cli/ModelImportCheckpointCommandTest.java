package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.train.checkpoint.Checkpoint;
import dev.stylefleet.train.pretrained.BuiltinStyle;
import dev.stylefleet.train.pretrained.FastStyleTransferNet;
import dev.stylefleet.train.pretrained.PretrainedCheckpoint;
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
 * {@code models import-checkpoint} without a server ({@code --no-publish}; publishing is the same
 * upload as {@code models import}, covered by CliIT): the conversion and its usage errors. The input
 * is a built-in compact checkpoint copied out of worker-train's resources (tests never read ../shared).
 */
class ModelImportCheckpointCommandTest {
    @TempDir
    Path tmp;

    @Test
    void convertsACheckpointFolderAndWritesTheCompactForm() throws IOException {
        Path src = copyBuiltin("udnie", tmp.resolve("udnie"));
        Run r = run("models", "import-checkpoint", src.toString(), "--id", "my-udnie", "--out",
                tmp.resolve("out").toString(), "--fp16", "--compact-out", tmp.resolve("compact").toString(),
                "--no-publish", "--threads", "2");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("checkpoint", "model", "weights float16", "instance/deconv/same/w1.0/raw/tanh150");
        assertThat(Files.size(tmp.resolve("out/model.onnx"))).isBetween(3_000_000L, 3_600_000L);
        assertThat(Checkpoint.readMetadata(tmp.resolve("out/checkpoint")).netOptions())
                .isEqualTo(FastStyleTransferNet.OPTIONS);
        assertThat(PretrainedCheckpoint.read(tmp.resolve("compact")).storedDtype())
                .isEqualTo(PretrainedCheckpoint.Dtype.FLOAT16);
    }

    @Test
    void refusesBadIdsAndBrokenCheckpointsAsUsageErrors() throws IOException {
        Path src = copyBuiltin("wave", tmp.resolve("wave"));
        Run badId = run("models", "import-checkpoint", src.toString(), "--id", "Bad Id", "--no-publish");
        assertThat(badId.code).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(badId.err).contains("--id: model ids are lower-case");

        byte[] b = Files.readAllBytes(src.resolve("Variable_7"));
        Files.write(src.resolve("Variable_7"), java.util.Arrays.copyOf(b, b.length - 2));
        Run broken = run("models", "import-checkpoint", src.toString(), "--id", "wave2", "--no-publish");
        assertThat(broken.code).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(broken.err).contains("variable Variable_7: file Variable_7")
                .contains("shape [128] of float32 needs 512"); // 1-D variables stay float32 in the compact form

        Run missing = run("models", "import-checkpoint", tmp.resolve("nothing").toString(), "--id", "x", "--no-publish");
        assertThat(missing.code).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(missing.err).contains("no such directory");
    }

    /** The compact checkpoint of a built-in style, copied from the classpath into {@code dir}. */
    static Path copyBuiltin(String id, Path dir) throws IOException {
        Files.createDirectories(dir);
        String root = BuiltinStyle.RESOURCE_ROOT + "/" + id + "/";
        byte[] manifest = resource(root + PretrainedCheckpoint.MANIFEST);
        Files.write(dir.resolve(PretrainedCheckpoint.MANIFEST), manifest);
        for (Iterator<String> it = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest).fieldNames();
                it.hasNext(); ) {
            String name = it.next();
            Files.write(dir.resolve(name), resource(root + name));
        }
        return dir;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ModelImportCheckpointCommandTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cli = StylefleetCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
