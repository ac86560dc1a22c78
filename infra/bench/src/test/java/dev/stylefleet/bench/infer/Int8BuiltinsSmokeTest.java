package dev.stylefleet.bench.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.schemas.Int8Variant;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.NetOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Int8Builtins} end to end on a generated tree: one style built-in (the {@code style} network at an
 * eighth of its width), generated photos for calibration and the gate, no super-resolution data. It writes the
 * doc section and the picture, and an int8 variant exactly when the gate passed (with matching figures).
 */
class Int8BuiltinsSmokeTest {
    @Test
    void quantizesGatesTimesAndWritesTheSection(@TempDir Path dir) throws Exception {
        Path builtins = dir.resolve("builtin");
        Path style = builtins.resolve("styles/tiny");
        Files.createDirectories(style);
        Files.writeString(builtins.resolve("styles/index.json"), "{\"ids\": [\"tiny\"]}");
        Files.write(style.resolve("model.onnx"),
                StyleNetwork.export(ArchSpec.preset("style"), NetOptions.PAPER.withWidth(0.125), 7).onnx());
        // A stale variant from an earlier run must not survive a failed gate.
        Files.writeString(style.resolve("int8.json"), "{}");
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("content/train"));
        Files.createDirectories(data.resolve("content/test"));
        for (int i = 0; i < 3; i++) {
            ImageIO.write(InferBenchmark.image(48, i), "jpg", data.resolve("content/train/p" + i + ".jpg").toFile());
        }
        for (int i = 0; i < 2; i++) {
            ImageIO.write(InferBenchmark.image(40, 10 + i), "jpg", data.resolve("content/test/t" + i + ".jpg").toFile());
        }
        Path doc = dir.resolve("docs/benchmarks.md");
        Path picture = dir.resolve("docs/images/int8.jpg");

        List<Int8Builtins.Outcome> outcomes = Int8Builtins.run(builtins, data, doc, picture, 3, 32, 32, 2, "tiny",
                new int[] {32}, null, "--test");

        assertThat(outcomes).hasSize(1);
        Int8Builtins.Outcome o = outcomes.get(0);
        assertThat(o.vsFp32().images()).isEqualTo(2);
        assertThat(Files.exists(style.resolve("model-int8.onnx"))).isEqualTo(o.passed());
        assertThat(Files.exists(style.resolve("int8.json"))).isEqualTo(o.passed());
        if (o.passed()) {
            byte[] int8 = Files.readAllBytes(style.resolve("model-int8.onnx"));
            Int8Variant v = Messages.JSON.readValue(style.resolve("int8.json").toFile(), Int8Variant.class);
            assertThat(v.sha256()).isEqualTo(ModelRegistry.sha256(int8));
            assertThat(v.psnrVsFp32Db()).isGreaterThanOrEqualTo(38);
            assertThat(v.fp32PsnrVsTruthDb()).isNull();
        }
        String text = Files.readString(doc);
        assertThat(text).contains("## int8 inference", "| `tiny` | 32² -> 32² |", "dev.stylefleet.bench.infer.Int8Builtins",
                "![fp32 | int8](images/int8.jpg)");
        assertThat(ImageIO.read(picture.toFile()).getWidth()).isEqualTo(2 * 384);
    }
}
