package dev.stylefleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkDocTest {

    @Test
    void replacesOnlyItsOwnSection(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, "# Benchmarks\n\n## Inference\n\nkeep me\n\n## Training step time\n\nold\n\n## Other\n\nkeep too\n");
        BenchmarkDoc.writeSection(file, "## Training step time", "new figures");
        BenchmarkDoc.writeSection(file, "## Super-resolution quality", "psnr");
        assertThat(Files.readString(file)).isEqualTo("# Benchmarks\n\n## Inference\n\nkeep me\n\n"
                + "## Training step time\n\nnew figures\n\n## Other\n\nkeep too\n\n## Super-resolution quality\n\npsnr\n\n");
    }
}
