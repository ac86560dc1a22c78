package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code models import-checkpoint}'s own checks, made before the training worker's converter is started
 * (the conversion itself: worker-train's ImportCheckpointCommandTest; through this CLI: TrainingToolsIT).
 */
class ModelImportCheckpointCommandTest {
    @TempDir
    Path tmp;

    @Test
    void refusesBadIdsAndMissingFoldersAsUsageErrors() {
        Run badId = run("models", "import-checkpoint", tmp.toString(), "--id", "Bad Id", "--no-publish");
        assertThat(badId.code).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(badId.err).contains("--id: model ids are lower-case");

        Run missing = run("models", "import-checkpoint", tmp.resolve("nothing").toString(), "--id", "x", "--no-publish");
        assertThat(missing.code).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(missing.err).contains("no such directory");
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
