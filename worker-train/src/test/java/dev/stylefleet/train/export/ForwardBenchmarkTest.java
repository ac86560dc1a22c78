package dev.stylefleet.train.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docs updater of {@link ForwardBenchmark} touches only its own section. */
class ForwardBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void replacesOnlyItsSection() throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, "# Benchmarks\n\n## Inference latency\n\nA\n\n" + ForwardBenchmark.SECTION
                + "\n\nold\n\n## Training step\n\nB\n");
        ForwardBenchmark.updateSection(file, ForwardBenchmark.SECTION + "\n\nnew\n");
        assertThat(Files.readString(file)).isEqualTo("# Benchmarks\n\n## Inference latency\n\nA\n\n"
                + ForwardBenchmark.SECTION + "\n\nnew\n\n## Training step\n\nB\n");
    }

    @Test
    void appendsWhenAbsentAndCreatesTheFile() throws Exception {
        Path file = dir.resolve("benchmarks.md");
        ForwardBenchmark.updateSection(file, ForwardBenchmark.SECTION + "\n\nx\n");
        assertThat(Files.readString(file)).isEqualTo("# Benchmarks\n\n" + ForwardBenchmark.SECTION + "\n\nx\n");
        Files.writeString(file, "# Benchmarks\n\n## Other\n\ny\n");
        ForwardBenchmark.updateSection(file, ForwardBenchmark.SECTION + "\n\nx\n");
        assertThat(Files.readString(file)).isEqualTo("# Benchmarks\n\n## Other\n\ny\n\n" + ForwardBenchmark.SECTION
                + "\n\nx\n");
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertThat(ForwardBenchmark.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(ForwardBenchmark.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }
}
