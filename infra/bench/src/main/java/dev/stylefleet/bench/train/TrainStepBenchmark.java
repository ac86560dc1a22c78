package dev.stylefleet.bench.train;

import dev.stylefleet.bench.BenchmarkDoc;
import dev.stylefleet.train.Trainer;
import dev.stylefleet.train.TrainingPlan;
import dev.stylefleet.train.data.RgbImage;
import dev.stylefleet.train.data.TrainingBatch;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.vgg.ConvLayerWeights;
import dev.stylefleet.train.vgg.Vgg16Weights;
import dev.stylefleet.schemas.TrainParams;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seconds per training step and peak memory of a style job (paper architecture {@code style}, full
 * width, batch 4, VGG-16 through relu4_3, content + style + TV loss, Adam) at each image size, on
 * this machine's CPU. VGG weights are random (He initialisation) with the real layer widths: the
 * cost of a step does not depend on the values, so this is a TIMING figure only.
 *
 * <p>Each size runs in a child JVM of its own so that its peak RSS (VmHWM) is its own. Prints the
 * figures and writes the "## Training step time" section of docs/benchmarks.md.
 *
 * <pre>
 *   java -cp ... dev.stylefleet.bench.train.TrainStepBenchmark [--sizes 128,256] [--batch 4] [--steps 5]
 *        [--threads 2] [--out docs/benchmarks.md]
 * </pre>
 */
public final class TrainStepBenchmark {
    static final String HEADING = "## Training step time";
    private static final int[] VGG_WIDTHS = {64, 128, 256, 512};

    private TrainStepBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = args(args);
        int batch = Integer.parseInt(a.getOrDefault("batch", "4"));
        int steps = Integer.parseInt(a.getOrDefault("steps", "5"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
        if (a.containsKey("single")) {
            single(Integer.parseInt(a.get("single")), batch, steps, threads);
            return;
        }
        String load = BenchmarkDoc.load();
        List<String> rows = new ArrayList<>();
        for (String size : a.getOrDefault("sizes", "128,256").split(",")) {
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), TrainStepBenchmark.class.getName(),
                    "--single", size.trim(), "--batch", "" + batch, "--steps", "" + steps, "--threads", "" + threads);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String result = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("RESULT ")) {
                        result = line;
                    }
                    if (line.startsWith("RESULT ") || line.startsWith("step ")) {
                        System.out.println(line);
                    }
                }
            }
            if (p.waitFor() != 0 || result == null) {
                throw new IllegalStateException("benchmark at " + size + " failed (exit " + p.exitValue() + ")");
            }
            String[] f = result.split(" ");
            rows.add(String.format("| %s² | %s | %s | %s | %s | %s |", f[1], f[2], f[3], f[4], f[5], f[6]));
        }
        String body = """
                Style network (`style` preset, full width, batch norm, stride-1/2 deconvolutions), batch %d, VGG-16
                through relu4_3 with **random** weights of the real widths (timing only), content + style + TV loss,
                Adam; TensorFlow Java 1.1.0 on CPU, %d intra/inter-op threads; %d timed steps after one warm-up
                step. Peak RSS is the child JVM's VmHWM (TensorFlow's native memory included).
                Measured %s, %s at the start (the machine is shared with other engineers' builds, so
                these are upper bounds).

                | image | first step (s) | median s/step | min s/step | peak RSS (MiB) | steps timed |
                |---|---|---|---|---|---|
                %s

                Command (repository root): `%s`
                """.formatted(batch, threads, steps, LocalDate.now(), load, String.join("\n", rows),
                BenchmarkDoc.command(TrainStepBenchmark.class, "--sizes %s --batch %d --steps %d --threads %d"
                        .formatted(a.getOrDefault("sizes", "128,256"), batch, steps, threads)));
        System.out.println(body);
        BenchmarkDoc.writeSection(Path.of(a.getOrDefault("out", "docs/benchmarks.md")), HEADING, body);
    }

    private static void single(int size, int batch, int steps, int threads) {
        TrainParams params = new TrainParams("style", null, null, null, 1.0, null, null, steps + 1, batch, size, 256,
                null, null, null, null, null, null, null, 1_000_000, 1_000_000, 1L,
                null, null, null, null, null, null);
        TrainingPlan plan = TrainingPlan.of(TrainingPlan.Task.STYLE, params);
        SplittableRandom random = new SplittableRandom(42);
        try (Trainer trainer = Trainer.create(plan, randomVgg(random), randomImage(random, 256, 256), threads)) {
            TrainingBatch b = new TrainingBatch(randomBatch(random, batch, size), null);
            long t0 = System.nanoTime();
            trainer.step(b);
            double first = (System.nanoTime() - t0) / 1e9;
            double[] times = new double[steps];
            for (int i = 0; i < steps; i++) {
                long t = System.nanoTime();
                trainer.step(b);
                times[i] = (System.nanoTime() - t) / 1e9;
                System.out.printf("step %d at %d²: %.3f s%n", i + 1, size, times[i]);
            }
            double[] sorted = times.clone();
            Arrays.sort(sorted);
            double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
            System.out.printf("RESULT %d %.2f %.2f %.2f %.0f %d%n", size, first, median, sorted[0],
                    BenchmarkDoc.peakRssMib(), steps);
        }
    }

    /** VGG-16 blocks 1-4 with the real widths and He-initialised random weights. */
    static Vgg16Weights randomVgg(SplittableRandom random) {
        Map<String, ConvLayerWeights> layers = new LinkedHashMap<>();
        int in = 3;
        for (String name : Vgg16Weights.CONV_LAYERS) {
            int block = Integer.parseInt(name.substring(5, 6));
            int out = VGG_WIDTHS[block - 1];
            double std = Math.sqrt(2.0 / (9 * in));
            float[] kernel = new float[9 * in * out];
            for (int i = 0; i < kernel.length; i++) {
                kernel[i] = (float) (gaussian(random) * std);
            }
            layers.put(name, new ConvLayerWeights(name, kernel, new long[] {3, 3, in, out}, new float[out]));
            in = out;
        }
        return new Vgg16Weights(layers);
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static RgbImage randomImage(SplittableRandom random, int w, int h) {
        float[] v = new float[w * h * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble(0, 255);
        }
        return new RgbImage(w, h, v);
    }

    static FloatTensor randomBatch(SplittableRandom random, int n, int size) {
        float[] v = new float[n * size * size * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble(0, 255);
        }
        return new FloatTensor(new long[] {n, size, size, 3}, v);
    }

    static Map<String, String> args(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return m;
    }
}
