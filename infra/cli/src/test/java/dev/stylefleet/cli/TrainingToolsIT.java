package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stylefleet.schemas.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training worker's tools through this CLI, which does not carry TensorFlow: {@code model init}
 * and the conversion of {@code models import-checkpoint} run in a child JVM on worker-train's packaged
 * class path ({@link TrainingTools}). No server needed ({@code --no-publish}; publishing is the upload
 * of {@code models import}, covered by CliIT).
 */
class TrainingToolsIT {
    @TempDir
    Path tmp;

    @Test
    void modelInitWritesACheckpointAndItsOnnxExport() {
        Path out = tmp.resolve("net");
        ModelImportCheckpointCommandTest.Run r = ModelImportCheckpointCommandTest.run("model", "init", "--arch", "style",
                "--width", "0.25", "--seed", "3", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("architecture  c9s1-32,d64,d128,R128x5,u64,u32,c9s1-3 (style)")
                .contains("model         " + out.resolve("model.onnx"));
        assertThat(out.resolve("model.onnx")).isNotEmptyFile();
        assertThat(out.resolve("checkpoint").resolve("checkpoint.json")).isNotEmptyFile();

        ModelImportCheckpointCommandTest.Run bad = ModelImportCheckpointCommandTest.run("model", "init", "--norm",
                "sometimes", "--out", out.toString());
        assertThat(bad.code()).isEqualTo(StylefleetCli.EXIT_USAGE);
    }

    @Test
    void helpListsModelInitAndItsOwnOptions() {
        assertThat(ModelImportCheckpointCommandTest.run("model", "--help").out()).contains("init");
        ModelImportCheckpointCommandTest.Run help = ModelImportCheckpointCommandTest.run("model", "init", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--arch", "--width", "--out");
    }

    /** The packaged jar, as ./stylefleet runs it: a real process (no TensorFlow on its class path). */
    @Test
    void thePackagedCliRunsModelInit() throws Exception {
        Path root = Launcher.repoRoot();
        Path jar = root.resolve("infra/cli/target/stylefleet-cli.jar");
        assertThat(jar).as("the packaged CLI (mvn package runs before the integration tests)").isRegularFile();
        try (Stream<Path> lib = Files.list(root.resolve("infra/cli/target/lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("tensorflow"));
        }
        Path out = tmp.resolve("packaged");
        Path log = tmp.resolve("packaged.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstylefleet.home=" + root, "-jar", jar.toString(), "model", "init", "--width", "0.25", "--out",
                out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the CLI process ended").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        assertThat(out.resolve("model.onnx")).isNotEmptyFile();
    }

    @Test
    void importCheckpointConvertsABuiltInStyleWithoutPublishing() throws IOException {
        Path src = copyBuiltinCheckpoint("wave", tmp.resolve("wave"));
        ModelImportCheckpointCommandTest.Run r = ModelImportCheckpointCommandTest.run("models", "import-checkpoint",
                src.toString(), "--id", "my-wave", "--out", tmp.resolve("out").toString(), "--fp16", "--no-publish",
                "--threads", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = Messages.JSON.readTree(r.out());
        assertThat(j.path("model").asText()).isEqualTo(tmp.resolve("out").resolve("model.onnx").toString());
        assertThat(tmp.resolve("out").resolve("model.onnx")).isNotEmptyFile();

        byte[] b = Files.readAllBytes(src.resolve("Variable_7"));
        Files.write(src.resolve("Variable_7"), java.util.Arrays.copyOf(b, b.length - 2));
        ModelImportCheckpointCommandTest.Run broken = ModelImportCheckpointCommandTest.run("models",
                "import-checkpoint", src.toString(), "--id", "wave2", "--no-publish", "--out",
                tmp.resolve("o2").toString());
        assertThat(broken.code()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(broken.err()).contains("variable Variable_7: file Variable_7");
    }

    /** A built-in style's compact checkpoint, from worker-train's sources in this checkout. */
    private static Path copyBuiltinCheckpoint(String id, Path dir) throws IOException {
        Path from = Launcher.repoRoot().resolve("worker-train/src/main/resources/dev/stylefleet/train/builtin/styles")
                .resolve(id);
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }
}
