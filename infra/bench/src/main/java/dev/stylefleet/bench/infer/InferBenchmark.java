package dev.stylefleet.bench.infer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.bench.BenchmarkDoc;
import dev.stylefleet.infer.model.ExecutionDevice;
import dev.stylefleet.infer.pipeline.InferMetrics;
import dev.stylefleet.infer.pipeline.InferenceSettings;
import dev.stylefleet.infer.model.LoadedModel;
import dev.stylefleet.infer.pipeline.MicroBatcher;
import dev.stylefleet.infer.imaging.PixelSource;
import dev.stylefleet.infer.pipeline.TiledInference;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.platform.storage.ModelRegistry;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The inference benchmark of docs/benchmarks.md ("## Inference worker"). The paper's style network
 * (c9s1-32, d64, d128, R128 x5, u64, u32, c9s1-3; batch norm folded; transposed convolutions) with
 * random weights: worker-train's {@code TransformerNet} exported by its {@code OnnxExporter}
 * ({@link StyleNetwork}); ONNX Runtime CPU with intra-op threads = cores.
 *
 * <ol>
 *   <li>ms per image, median and p95, at 256, 512, 1024 square, batch 1 and 4: a bare ONNX Runtime
 *       session (tensor from a ready float array, run, output copied out) versus the worker's own
 *       path (image -> PixelSource reflect-padded NCHW -> TiledInference -> MicroBatcher -> LoadedModel
 *       with its shape checks -> 8-bit image). Batch 4 in the worker path is 4 concurrent callers
 *       meeting in the micro-batcher; per image = batch time / 4. Each time also as a fraction of peak.</li>
 *   <li>images per second at 256 square with 4 concurrent callers (the worker's default concurrency),
 *       micro-batching on (5 ms window, at most 8) and off.</li>
 * </ol>
 *
 * Usage: {@code InferBenchmark [--write docs/benchmarks.md] [--ghz 2.1] [--fma-units 2] [--quick]}
 */
public final class InferBenchmark {
    private static final String SECTION = "## Inference worker";

    public static void main(String[] args) throws Exception {
        Path write = null;
        double ghz = 2.1;
        int fmaUnits = 2;
        boolean quick = false;
        String sweep = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--write" -> write = Path.of(args[++i]);
                case "--ghz" -> ghz = Double.parseDouble(args[++i]);
                case "--fma-units" -> fmaUnits = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                case "--batching-sweep" -> sweep = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--write FILE] [--ghz G] [--fma-units N] [--quick] [--batching-sweep CLIENTSxMAX,...]");
            }
        }
        int threads = Runtime.getRuntime().availableProcessors();
        String cpu = cpuInfo("model name");
        boolean avx512 = cpuInfo("flags").contains("avx512f");
        int lanes = avx512 ? 16 : 8;
        double peak = threads * ghz * fmaUnits * lanes * 2; // GFLOP/s
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Instant started = Instant.now();

        StyleNetwork net = StyleNetwork.paper(2016);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        LoadedModel model = load(env, net, threads);
        OrtSession bare = bareSession(env, net.onnx(), threads);
        InferenceSettings settings = InferenceSettings.defaults();
        if (sweep != null) {
            // Throughput at 256² for several (callers x max batch) pairs, off and on interleaved; prints only.
            for (String pair : sweep.split(",")) {
                String[] cm = pair.split("x");
                int c = Integer.parseInt(cm[0]);
                int max = Integer.parseInt(cm[1]);
                double[] offR = throughput(model, 256, c, 8 * c, Duration.ZERO, 1);
                double[] onR = throughput(model, 256, c, 8 * c, InferenceSettings.DEFAULT_BATCH_WINDOW, max);
                System.out.printf(Locale.ROOT, "sweep %d callers, max batch %d: off %.2f img/s (%.0f CPU-ms/img), "
                        + "on %.2f img/s (%.0f CPU-ms/img), x%.2f; load %s%n", c, max, offR[0], offR[1], onR[0], onR[1],
                        onR[0] / offR[0], Files.readString(Path.of("/proc/loadavg")).trim());
            }
            System.exit(0);
        }

        List<String> rows = new ArrayList<>();
        int[] sizes = quick ? new int[] {256} : new int[] {256, 512, 1024};
        for (int size : sizes) {
            for (int batch : new int[] {1, 4}) {
                int reps = quick ? 3 : size == 256 ? 10 : size == 512 ? 6 : 3;
                double gflop = net.flops(size, size) / 1e9;
                // Interleaved (bare, worker, bare, worker, ...): load from other processes on the shared
                // cores then falls on both paths alike instead of on whichever ran during a busy spell.
                double[] bareMs = new double[reps];
                double[] workerMs = new double[reps];
                double[] bareCpu = new double[reps];
                double[] workerCpu = new double[reps];
                timeBare(env, bare, size, batch, 1);
                timeWorker(model, settings, size, batch, 1);
                for (int r = 0; r < reps; r++) {
                    long c0 = cpuNanos();
                    bareMs[r] = timeBare(env, bare, size, batch, 1)[0];
                    long c1 = cpuNanos();
                    workerMs[r] = timeWorker(model, settings, size, batch, 1)[0];
                    long c2 = cpuNanos();
                    bareCpu[r] = (c1 - c0) / 1e6 / batch;
                    workerCpu[r] = (c2 - c1) / 1e6 / batch;
                }
                double bareMed = median(bareMs);
                double workerMed = median(workerMs);
                double perCorePeak = peak / threads;
                String row = String.format(Locale.ROOT,
                        "| %d² | %d | %.1f | %.0f / %.0f | %.0f%% | %.0f | %.0f%% | %.0f / %.0f | %.0f%% | %.0f | %.0f%% | %.2f | %.2f |",
                        size, batch, gflop, bareMed, p95(bareMs), 100 * gflop / (bareMed / 1000) / peak,
                        median(bareCpu), 100 * gflop / (median(bareCpu) / 1000) / perCorePeak,
                        workerMed, p95(workerMs), 100 * gflop / (workerMed / 1000) / peak,
                        median(workerCpu), 100 * gflop / (median(workerCpu) / 1000) / perCorePeak,
                        workerMed / bareMed, median(workerCpu) / median(bareCpu));
                System.out.println(row + "  (reps " + reps + ")");
                rows.add(row);
            }
        }

        int clients = InferenceSettings.DEFAULT_CONCURRENCY;
        int images = quick ? 16 : 96;
        double[] offRun = throughput(model, 256, clients, images, Duration.ZERO, 1);
        double[] onRun = throughput(model, 256, clients, images, InferenceSettings.DEFAULT_BATCH_WINDOW,
                InferenceSettings.DEFAULT_MAX_BATCH);
        double off = offRun[0];
        double on = onRun[0];
        System.out.printf(Locale.ROOT, "256² saturation, %d callers: batching off %.2f img/s (%.0f CPU-ms/img), "
                + "on %.2f img/s (%.0f CPU-ms/img) (x%.2f)%n", clients, off, offRun[1], on, onRun[1], on / off);
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();

        StringBuilder md = new StringBuilder();
        md.append("Style network as the worker runs it: the paper's layout (c9s1-32, d64, d128, R128 x5, u64, u32, ")
                .append("c9s1-3) with batch norm folded into the convolutions and transposed convolutions, random ")
                .append("weights: worker-train's `TransformerNet` exported by its `OnnxExporter` (`StyleNetwork.paper`: ")
                .append(net.describe()).append("), ONNX Runtime ").append(ortVersion()).append(" CPU, ")
                .append(threads).append(" intra-op threads, `ALL_OPT`, fp32. *Bare* = an `OrtSession` fed a ready ")
                .append("float array (tensor, run, output copied out); *worker* = the worker's path without file ")
                .append("decoding/encoding (image -> `PixelSource` -> `TiledInference` -> `MicroBatcher` -> ")
                .append("`LoadedModel` with its shape check -> 8-bit image). Batch 4 in the worker path = 4 concurrent ")
                .append("callers meeting in the micro-batcher. ms per image, median / p95 over the runs after one ")
                .append("warm-up each, bare and worker runs interleaved (p95 of 3-10 runs is close to the maximum).\n\n");
        md.append("| size | batch | GFLOP/img | bare ms (med / p95) | % of peak | bare CPU-ms | % of peak (CPU) "
                + "| worker ms (med / p95) | % of peak | worker CPU-ms | % of peak (CPU) | worker / bare (wall) "
                + "| worker / bare (CPU) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append(String.format(Locale.ROOT, "%nMicro-batching, 256², %d concurrent callers (the worker's default "
                + "`concurrency`), %d images: **off %.2f images/s, on (5 ms window, at most 8) %.2f images/s, "
                + "x%.2f**. Process CPU time per image (less sensitive to what else the shared cores run): "
                + "off %.0f ms, on %.0f ms.%n%n", clients, images, off, on, on / off, offRun[1], onRun[1]));
        md.append(String.format(Locale.ROOT, "- Peak: %d cores x %.2f GHz x %d FMA units x %d fp32 lanes x 2 = "
                + "%.0f GFLOP/s (CPU \"%s\", %s; clock and FMA units from `--ghz`/`--fma-units`, /proc/cpuinfo "
                + "'cpu MHz' says %s).%n", threads, ghz, fmaUnits, lanes, peak, cpu, avx512 ? "AVX-512" : "AVX2",
                ghz, cpuInfo("cpu MHz")));
        md.append("- FLOPs: 2 x multiply-accumulates of the convolutions (`FlopCounter`).\n");
        md.append("- *% of peak* divides GFLOP per image by the wall-clock median and the 2-core peak. *CPU-ms* is "
                + "this process's CPU time per image (median), and *% of peak (CPU)* divides by it and one core's "
                + "peak: it does not depend on how much of the shared cores other processes took, so it is the "
                + "steadier measure of efficiency (ONNX Runtime's spinning threads count in it). On an idle "
                + "machine the wall time would approach CPU-ms / cores.\n");
        md.append("- Conditions: ").append(started).append(", a shared 2-core VM; load average before `")
                .append(loadBefore).append("`, after `").append(loadAfter).append("`.\n");
        md.append("- Command (repository root): `")
                .append(BenchmarkDoc.command(InferBenchmark.class, "--write docs/benchmarks.md")).append("`\n");
        System.out.println(SECTION + "\n\n" + md);
        if (write != null) {
            BenchmarkDoc.writeSection(write, SECTION, md.toString());
            System.out.println("wrote " + SECTION + " in " + write);
        }
        model.close();
        bare.close();
        System.exit(0);
    }

    /** The worker's own wrapper of the model, as it loads a registry model. */
    static LoadedModel load(OrtEnvironment env, StyleNetwork net, int threads) throws Exception {
        ModelManifest manifest = new ModelManifest(Messages.SCHEMA_VERSION, "bench-style", "1",
                InferJobRequested.TASK_STYLIZE, 1, net.describe(), ModelRegistry.sha256(net.onnx()), net.onnx().length,
                Instant.now(), null, null, Map.of());
        return LoadedModel.load(env, manifest, net.onnx(), threads, ExecutionDevice.CPU);
    }

    /** A plain session with the worker's session settings, for the bare baseline. */
    static OrtSession bareSession(OrtEnvironment env, byte[] onnx, int threads) throws Exception {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(onnx, o);
        }
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double[] timeBare(OrtEnvironment env, OrtSession s, int size, int batch, int reps) throws Exception {
        float[] in = randomImage(batch, size);
        String input = s.getInputNames().iterator().next();
        double[] ms = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(in), new long[] {batch, 3, size, size});
                    OrtSession.Result res = s.run(Map.of(input, t))) {
                FloatBuffer fb = ((OnnxTensor) res.get(0)).getFloatBuffer();
                float[] out = new float[fb.remaining()];
                fb.get(out);
            }
            ms[r] = (System.nanoTime() - t0) / 1e6 / batch;
        }
        return ms;
    }

    static double[] timeWorker(LoadedModel model, InferenceSettings settings, int size, int batch, int reps)
            throws Exception {
        BufferedImage img = image(size, 7);
        TiledInference tiling = settings.tiling(true);
        MicroBatcher batcher = new MicroBatcher(batch == 1 ? Duration.ZERO : Duration.ofSeconds(5), batch,
                InferMetrics.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(batch);
        double[] ms = new double[reps];
        try {
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                List<Future<BufferedImage>> fs = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    fs.add(pool.submit(() -> tiling.run(batcher.runner(model), new PixelSource(img), 1)));
                }
                for (Future<BufferedImage> f : fs) {
                    f.get();
                }
                ms[r] = (System.nanoTime() - t0) / 1e6 / batch;
            }
        } finally {
            pool.shutdownNow();
        }
        return ms;
    }

    /**
     * Images per second and process CPU milliseconds per image: {@code clients} threads each running
     * images back to back until {@code total} are done.
     */
    static double[] throughput(LoadedModel model, int size, int clients, int total, Duration window, int maxBatch)
            throws Exception {
        BufferedImage img = image(size, 9);
        TiledInference tiling = InferenceSettings.defaults().tiling(true);
        MicroBatcher batcher = new MicroBatcher(window, maxBatch, InferMetrics.NONE);
        // Warm-up: one image per client.
        runClients(clients, clients, () -> tiling.run(batcher.runner(model), new PixelSource(img), 1));
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        runClients(clients, total, () -> tiling.run(batcher.runner(model), new PixelSource(img), 1));
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new double[] {total / seconds, (os.getProcessCpuTime() - cpu0) / 1e6 / total};
    }

    private static void runClients(int clients, int total, Runnable job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(total);
        CountDownLatch done = new CountDownLatch(clients);
        List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            fs.add(pool.submit(() -> {
                try {
                    while (left.getAndDecrement() > 0) {
                        job.run();
                    }
                } finally {
                    done.countDown();
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
    }

    static BufferedImage image(int size, long seed) {
        Random random = new Random(seed);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                img.setRGB(x, y, (255 * x / size) << 16 | (255 * y / size) << 8 | random.nextInt(256));
            }
        }
        return img;
    }

    static float[] randomImage(int batch, int size) {
        Random random = new Random(3);
        float[] v = new float[batch * 3 * size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextInt(256);
        }
        return v;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double p95(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(0.95 * s.length) - 1)];
    }

    static String cpuInfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    static String ortVersion() {
        Package p = OrtEnvironment.class.getPackage();
        return p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "(version unknown)";
    }
}
