package dev.stylefleet.train.export;

import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.FlopCounter;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.NetOptions;
import dev.stylefleet.train.net.TestImages;
import dev.stylefleet.train.net.TransformerSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Forward time of the style network (batch 1) in TensorFlow Java and in ONNX Runtime on its
 * export, both on the same number of threads, at 256², 512² and 1024²: median of {@value #RUNS}
 * runs after {@value #WARMUP} warm-up runs, and the fraction of the CPU's fp32 peak each reaches
 * (FLOPs from {@link FlopCounter}). Prints the table and rewrites the section
 * {@value #SECTION} of docs/benchmarks.md (nothing else in that file).
 *
 * <pre>
 *   ./mvnw -q -pl worker-train test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=dev.stylefleet.train.export.ForwardBenchmark -Dexec.args="--docs docs/benchmarks.md"
 * </pre>
 *
 * Options: {@code --threads N} (2), {@code --sizes 256,512,1024}, {@code --runs N} ({@value #RUNS}),
 * {@code --fma-units N} (FMA pipes per core, {@value #DEFAULT_FMA_UNITS}: not readable from the OS),
 * {@code --docs FILE} (omit to only print).
 */
public final class ForwardBenchmark {
    static final String SECTION = "## Transform network forward time";
    static final int RUNS = 10;
    static final int WARMUP = 2;
    /** AMD Zen 4/5 and Intel server cores with AVX-512 have two 512-bit FMA pipes. */
    static final int DEFAULT_FMA_UNITS = 2;

    private ForwardBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = 2;
        int runs = RUNS;
        int fmaUnits = DEFAULT_FMA_UNITS;
        int[] sizes = {256, 512, 1024};
        Path docs = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--fma-units" -> fmaUnits = Integer.parseInt(args[++i]);
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--docs" -> docs = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--threads N, --runs N, --fma-units N, --sizes a,b,c, --docs FILE)");
            }
        }
        Cpu cpu = Cpu.read(threads, fmaUnits);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        ArchSpec arch = ArchSpec.preset("style");
        NetOptions options = NetOptions.PAPER;
        List<Row> rows = new ArrayList<>();
        double maxDiff = 0;
        try (TransformerSession tf = TransformerSession.create(arch, options, 1, threads)) {
            byte[] onnx = OnnxExporter.export(arch, options, tf.readVariables(), Map.of());
            try (OrtRunner ort = new OrtRunner(onnx, threads)) {
                for (int size : sizes) {
                    FloatTensor nhwc = TestImages.nhwc(1, size, size, size);
                    FloatTensor nchw = nhwc.nhwcToNchw();
                    double[] tfMs = time(runs, () -> tf.run(nhwc));
                    double[] ortMs = time(runs, () -> ort.run(nchw));
                    maxDiff = Math.max(maxDiff, ort.run(nchw).nchwToNhwc().maxAbsDiff(tf.run(nhwc)));
                    long flops = FlopCounter.count(arch, options, size, size);
                    rows.add(new Row(size, flops, median(tfMs), min(tfMs), median(ortMs), min(ortMs)));
                    System.out.println(rows.get(rows.size() - 1).line(cpu));
                }
            }
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        String section = section(rows, cpu, threads, runs, loadBefore, loadAfter, maxDiff);
        System.out.println();
        System.out.println(section);
        if (docs != null) {
            updateSection(docs, section);
            System.out.println("updated " + docs.toAbsolutePath().normalize());
        }
    }

    interface Run {
        void run() throws Exception;
    }

    private static double[] time(int runs, Run r) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            r.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    record Row(int size, long flops, double tfMedianMs, double tfMinMs, double ortMedianMs, double ortMinMs) {
        double fraction(double ms, Cpu cpu) {
            return flops / (ms / 1e3) / cpu.peakFlops();
        }

        String line(Cpu cpu) {
            return String.format(Locale.ROOT, "%4d²  %6.2f GFLOP  TF %8.1f ms (min %8.1f, %4.1f%% of peak)  "
                    + "ORT %8.1f ms (min %8.1f, %4.1f%% of peak)", size, flops / 1e9, tfMedianMs, tfMinMs,
                    100 * fraction(tfMedianMs, cpu), ortMedianMs, ortMinMs, 100 * fraction(ortMedianMs, cpu));
        }
    }

    /** The CPU's fp32 peak for {@code cores} cores: cores x clock x FMA units x lanes x 2. */
    record Cpu(String model, double ghz, String clockSource, int lanes, String vectorIsa, int cores, int fmaUnits) {
        double peakFlops() {
            return cores * ghz * 1e9 * fmaUnits * lanes * 2;
        }

        static Cpu read(int cores, int fmaUnits) throws IOException {
            String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
            String model = field(cpuinfo, "model name").orElse("unknown");
            String flags = " " + field(cpuinfo, "flags").orElse("") + " ";
            double ghz;
            String source;
            String lscpuMax = lscpuMaxMhz();
            if (lscpuMax != null) {
                ghz = Double.parseDouble(lscpuMax) / 1000;
                source = "lscpu 'CPU max MHz'";
            } else {
                ghz = Double.parseDouble(field(cpuinfo, "cpu MHz").orElseThrow()) / 1000;
                source = "/proc/cpuinfo 'cpu MHz' (lscpu gives no max)";
            }
            int lanes;
            String isa;
            if (flags.contains(" avx512f ")) {
                lanes = 16;
                isa = "AVX-512";
            } else if (flags.contains(" avx2 ") && flags.contains(" fma ")) {
                lanes = 8;
                isa = "AVX2+FMA";
            } else {
                lanes = 4;
                isa = "SSE";
            }
            return new Cpu(model, ghz, source, lanes, isa, cores, fmaUnits);
        }

        private static java.util.Optional<String> field(String cpuinfo, String name) {
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s*:\\s*(.*)$").matcher(cpuinfo);
            return m.find() ? java.util.Optional.of(m.group(1).trim()) : java.util.Optional.empty();
        }

        private static String lscpuMaxMhz() {
            try {
                Process p = new ProcessBuilder("lscpu").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                Matcher m = Pattern.compile("(?m)^CPU max MHz:\\s*([0-9.]+)").matcher(out);
                return m.find() ? m.group(1) : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    static String section(List<Row> rows, Cpu cpu, int threads, int runs, String loadBefore, String loadAfter,
            double maxDiff) {
        StringBuilder sb = new StringBuilder();
        sb.append(SECTION).append("\n\n");
        sb.append("Style network (`style` preset: c9s1-32,d64,d128,R128x5,u64,u32,c9s1-3, batch norm, deconv, zero\n")
                .append("padding, width 1; random weights), batch 1, TensorFlow Java 1.1.0 (NHWC graph, oneDNN on)\n")
                .append("versus ONNX Runtime for Java on its ONNX export (NCHW), both on ").append(threads)
                .append(" threads. Median of ").append(runs).append(" runs after ").append(WARMUP)
                .append(" warm-up runs (min in brackets).\n\n");
        sb.append("| size | GFLOP | TensorFlow Java ms | % of peak | ONNX Runtime ms | % of peak |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %d² | %.1f | %.0f (%.0f) | %.1f%% | %.0f (%.0f) | %.1f%% |%n",
                    r.size(), r.flops() / 1e9, r.tfMedianMs(), r.tfMinMs(), 100 * r.fraction(r.tfMedianMs(), cpu),
                    r.ortMedianMs(), r.ortMinMs(), 100 * r.fraction(r.ortMedianMs(), cpu)));
        }
        sb.append("\n");
        sb.append(String.format(Locale.ROOT, "- FLOPs: 2 x multiply-accumulates of every convolution, counted from the "
                + "architecture string (`FlopCounter`; norms, ReLU, additions and tanh left out).%n"));
        sb.append(String.format(Locale.ROOT, "- Peak: %d cores x %.3f GHz x %d FMA units x %d fp32 lanes (%s) x 2 = "
                + "%.0f GFLOP/s. CPU \"%s\"; clock from %s; lanes from the cpuinfo flags; FMA units per core "
                + "assumed (`--fma-units`).%n", cpu.cores(), cpu.ghz(), cpu.fmaUnits(), cpu.lanes(), cpu.vectorIsa(),
                cpu.peakFlops() / 1e9, cpu.model(), cpu.clockSource()));
        sb.append(String.format(Locale.ROOT, "- TensorFlow and ONNX Runtime outputs agreed within %.1e (max "
                + "absolute difference on the [0, 255] scale).%n", maxDiff));
        sb.append(String.format(Locale.ROOT, "- Conditions: %s, a 2-core VM shared with other engineers' builds; "
                + "load average before `%s`, after `%s`. Medians suffer from other load on the shared cores; "
                + "the minimum is the least disturbed run.%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                loadBefore, loadAfter));
        sb.append("- Command (from the repository root):\n\n");
        sb.append("  ```\n  ./mvnw -q -pl worker-train test-compile exec:java -Dexec.classpathScope=test \\\n"
                + "      -Dexec.mainClass=dev.stylefleet.train.export.ForwardBenchmark "
                + "-Dexec.args=\"--docs docs/benchmarks.md\"\n  ```\n");
        return sb.toString();
    }

    /** Replaces (or appends) {@link #SECTION} up to the next {@code ## } heading; leaves the rest alone. */
    static void updateSection(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        int start = text.indexOf(SECTION + "\n");
        String updated;
        if (start < 0) {
            updated = text + (text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n") + section;
        } else {
            int next = text.indexOf("\n## ", start + SECTION.length());
            String rest = next < 0 ? "" : text.substring(next + 1);
            updated = text.substring(0, start) + section + (rest.isEmpty() ? "" : "\n" + rest);
        }
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
