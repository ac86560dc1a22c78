package dev.stylefleet.train.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.train.checkpoint.Checkpoint;
import dev.stylefleet.train.checkpoint.CheckpointMetadata;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.NetOptions;
import dev.stylefleet.train.net.TestImages;
import dev.stylefleet.train.net.TransformerSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelInitCommandTest {
    @TempDir
    Path out;

    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new ModelInitCommand());
        cmd.setOut(new PrintWriter(stdout));
        cmd.setErr(new PrintWriter(stderr));
        return cmd.execute(args);
    }

    @Test
    void writesACheckpointAndAnExportThatAgree() throws Exception {
        int code = run("--arch", "style", "--norm", "instance", "--upsample", "resize", "--width", "0.25",
                "--seed", "7", "--out", out.toString());
        assertThat(code).as(stderr.toString()).isZero();
        assertThat(stdout.toString()).contains("c9s1-32,d64,d128,R128x5,u64,u32,c9s1-3", "instance/resize/zero/w0.25");

        Path checkpoint = out.resolve("checkpoint");
        CheckpointMetadata m = Checkpoint.readMetadata(checkpoint);
        assertThat(m.preset()).isEqualTo("style");
        assertThat(m.netOptions()).isEqualTo(new NetOptions(NetOptions.Norm.INSTANCE, NetOptions.Upsample.RESIZE,
                NetOptions.Padding.ZERO, 0.25));
        assertThat(m.step()).isZero();
        assertThat(m.trainingSpec()).containsEntry("kind", "random-init");
        byte[] model = Files.readAllBytes(out.resolve("model.onnx"));

        FloatTensor image = TestImages.nhwc(1, 33, 27, 8);
        try (TransformerSession tf = Checkpoint.open(checkpoint, 1); OrtRunner ort = new OrtRunner(model, 1)) {
            assertThat(ort.run(image.nhwcToNchw()).nchwToNhwc().maxAbsDiff(tf.run(image)))
                    .isLessThanOrEqualTo(OnnxParityTest.TOLERANCE);
        }
    }

    @Test
    void sameSeedSameModel() throws Exception {
        assertThat(run("--preset", "sr4", "--width", "0.25", "--seed", "3", "--out", out.resolve("a").toString())).isZero();
        assertThat(run("--preset", "sr4", "--width", "0.25", "--seed", "3", "--out", out.resolve("b").toString())).isZero();
        assertThat(run("--preset", "sr4", "--width", "0.25", "--seed", "4", "--out", out.resolve("c").toString())).isZero();
        byte[] a = Files.readAllBytes(out.resolve("a/model.onnx"));
        byte[] b = Files.readAllBytes(out.resolve("b/model.onnx"));
        byte[] c = Files.readAllBytes(out.resolve("c/model.onnx"));
        // The export embeds no timestamps: same seed, same bytes.
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void badOptionsExitWith2AndNameTheField() {
        assertThat(run("--norm", "group", "--out", out.toString())).isEqualTo(2);
        assertThat(stderr.toString()).contains("norm must be one of batch, instance, none, got 'group'");
        assertThat(run("--arch", "c9s1-32,q9", "--out", out.toString())).isEqualTo(2);
        assertThat(stderr.toString()).contains("'q9'");
        assertThat(run("--arch", "style", "--preset", "sr4", "--out", out.toString())).isEqualTo(2);
        assertThat(run("--width", "0", "--out", out.toString())).isEqualTo(2);
        assertThat(stderr.toString()).contains("width must be in");
        assertThat(out.resolve("model.onnx")).doesNotExist();
    }
}
