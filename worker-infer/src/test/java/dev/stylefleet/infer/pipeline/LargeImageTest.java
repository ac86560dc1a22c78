package dev.stylefleet.infer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An 8000 x 6000 input completes through the tiled path with peak memory under a stated bound. Run in
 * a child JVM (heap capped at {@link #HEAP_MIB}) so the peak resident set is this job's alone.
 *
 * <p>The bound: the encoded input (~15 MB), the decoded input (3 bytes a pixel, 144 MB), the output
 * image (4 bytes a pixel, 192 MB), one tile row's accumulator (16 bytes a pixel of an 8000 x 512 band,
 * 66 MB), tile tensors and ONNX Runtime's arena (tens of MB), the encoded result, and the JVM itself:
 * under {@link #BOUND_MIB}. Untiled, the input and output float tensors alone would be 1.1 GB and one
 * 8-channel activation 1.5 GB.
 */
class LargeImageTest {
    /**
     * The job's live data is about 450 MB; with a 1 GiB cap the collector sometimes let the heap grow to
     * the cap before collecting, and the peak resident set then varied from 1.1 to 1.6 GiB between runs
     * of the same code. At 768 MiB three runs peaked at 983-993 MiB.
     */
    static final int HEAP_MIB = 768;
    static final int BOUND_MIB = 1536;

    @Test
    void an8000x6000InputCompletesUnderTheMemoryBound() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + HEAP_MIB + "m",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp",
                System.getProperty("java.class.path"), LargeImageRun.class.getName(), "8000", "6000")
                .redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        System.out.println("8000x6000 run: " + lines);
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).contains("size 8000x6000");
        long kib = lines.stream().filter(l -> l.startsWith("vmhwm-kib ")).mapToLong(l -> Long.parseLong(l.substring(10)))
                .findFirst().orElseThrow();
        System.out.printf("8000x6000 peak resident memory %.0f MiB (bound %d MiB, heap cap %d MiB)%n", kib / 1024.0,
                BOUND_MIB, HEAP_MIB);
        assertThat(kib / 1024).isLessThan(BOUND_MIB);
    }
}
