package dev.stylefleet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/benchmarks.md names runnable classes of this module: each exists with a {@code main}, so a
 * renamed or moved benchmark fails the build instead of leaving a command that no longer runs; and the
 * page holds no machine's absolute paths.
 */
class BenchmarkCommandsTest {
    private static final Path DOC = Path.of("..", "..", "docs", "benchmarks.md");

    @Test
    void everyBenchmarkClassTheDocsNameHasAMain() throws Exception {
        String doc = Files.readString(DOC);
        Set<String> classes = new LinkedHashSet<>();
        Matcher m = Pattern.compile("dev\\.stylefleet\\.bench(\\.[a-z]+)*\\.[A-Z]\\w*").matcher(doc);
        while (m.find()) {
            classes.add(m.group());
        }
        assertThat(classes).as("benchmark classes named in " + DOC).isNotEmpty();
        for (String name : classes) {
            Method main = Class.forName(name).getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).as(name).isTrue();
        }
        assertThat(doc).as("the commands in " + DOC).contains(BenchmarkDoc.command(
                Class.forName("dev.stylefleet.bench.infer.InferBenchmark"), "--write docs/benchmarks.md"));
    }

    @Test
    void theDocsHoldNoMachinesAbsolutePaths() throws Exception {
        assertThat(Files.readString(DOC)).doesNotContainPattern("(^|[\\s`(=:])/(work|root|home|tmp)/");
    }
}
