package dev.stylefleet.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.bench.BenchmarkDoc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/scaling.md runs the simulation the way docs/benchmarks.md runs benchmarks, and its charts exist. */
class ScalingDocTest {
    private static final Path DOC = Path.of("..", "..", "docs", "scaling.md");

    @Test
    void theCommandNamesTheMainAndWritesThePage() throws Exception {
        assertThat(Files.readString(DOC)).contains(BenchmarkDoc.command(ScalingSimulation.class, "--write docs/scaling.md"));
    }

    @Test
    void everyChartThePageShowsExists() throws Exception {
        Matcher m = Pattern.compile("\\]\\((images/scaling-[^)]+\\.png)\\)").matcher(Files.readString(DOC));
        while (m.find()) {
            assertThat(DOC.resolveSibling(m.group(1))).as(m.group(1)).isRegularFile();
        }
    }

    @Test
    void theGeneratedSectionIsTheLast() throws Exception {
        String doc = Files.readString(DOC);
        int results = doc.indexOf("\n" + ScalingSimulation.SECTION + "\n");
        assertThat(results).as("the page has a %s section", ScalingSimulation.SECTION).isPositive();
        assertThat(doc.indexOf("\n## ", results + 1)).as("no hand-written section after the generated one").isNegative();
    }
}
