package dev.stylefleet.bench.infer;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.bench.BenchmarkDoc;
import dev.stylefleet.infer.model.BicubicModel;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Time per image of the trained super-resolution built-ins next to the bicubic built-ins, in one run
 * on one machine: a bare ONNX Runtime session per model (intra-op threads = cores), a random
 * 256x256 input (x4: 1024x1024 out; x8: 2048x2048 out), 3 warm-up runs, then median and p95 of the
 * measured runs. Writes the "## Super-resolution speed" section of docs/benchmarks.md.
 *
 * <p>Usage: {@code SrSpeedBenchmark [--write docs/benchmarks.md] [--reps 20] [--size 256]}
 */
public final class SrSpeedBenchmark {
    private static final String SECTION = "## Super-resolution speed";

    private SrSpeedBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path write = null;
        int reps = 20;
        int size = 256;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--write" -> write = Path.of(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--write FILE] [--reps N] [--size S]");
            }
        }
        int threads = Runtime.getRuntime().availableProcessors();
        String cpu = InferBenchmark.cpuInfo("model name");
        String flags = InferBenchmark.cpuInfo("flags");
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        Map<String, byte[]> models = new LinkedHashMap<>();
        for (int scale : new int[] {4, 8}) {
            models.put(BicubicModel.modelId(scale), BicubicModel.build(scale));
            String id = "sr-x" + scale;
            try (InputStream in = SrSpeedBenchmark.class.getResourceAsStream("/builtin/sr/" + id + "/model.onnx")) {
                if (in == null) {
                    throw new IllegalStateException("no built-in " + id + " on the classpath (builtin/sr/" + id + ")");
                }
                models.put(id, in.readAllBytes());
            }
        }
        StringBuilder rows = new StringBuilder("| model | input | output | median ms | p95 ms |\n|---|---|---|---|---|\n");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, Double> medians = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> m : models.entrySet()) {
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
                o.setIntraOpNumThreads(threads);
                try (OrtSession s = env.createSession(m.getValue(), o)) {
                    InferBenchmark.timeBare(env, s, size, 1, 3);
                    double[] ms = InferBenchmark.timeBare(env, s, size, 1, reps);
                    int scale = m.getKey().endsWith("8") ? 8 : 4;
                    double median = InferBenchmark.median(ms);
                    medians.put(m.getKey(), median);
                    String row = String.format(Locale.ROOT, "| `%s` | %d² | %d² | %.1f | %.1f |%n", m.getKey(), size,
                            size * scale, median, InferBenchmark.p95(ms));
                    System.out.print(row);
                    rows.append(row);
                }
            }
        }
        String section = String.format(Locale.ROOT, """
                Measured %s on %s, %d cores (AVX-512: %s, VNNI: %s; load before the run: %s), ONNX Runtime %s,
                bare sessions, intra-op threads = %d, %d runs after 3 warm-up runs, batch 1.

                %s
                `sr-x4` / `bicubic-x4`: x%.1f the time; `sr-x8` / `bicubic-x8`: x%.1f.

                Command (repository root): `%s`
                """, Instant.now().toString().substring(0, 10), cpu, threads, flags.contains("avx512f"),
                flags.contains("avx512_vnni") || flags.contains("avx_vnni"), load, InferBenchmark.ortVersion(), threads,
                reps, rows, medians.get("sr-x4") / medians.get("bicubic-x4"),
                medians.get("sr-x8") / medians.get("bicubic-x8"),
                BenchmarkDoc.command(SrSpeedBenchmark.class, "--write docs/benchmarks.md"));
        if (write != null) {
            BenchmarkDoc.writeSection(write, SECTION, section);
        }
        System.exit(0);
    }
}
