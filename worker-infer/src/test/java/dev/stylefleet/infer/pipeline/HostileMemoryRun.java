package dev.stylefleet.infer.pipeline;

import dev.stylefleet.infer.failure.JobFailure;
import dev.stylefleet.infer.imaging.HostileInputs;
import dev.stylefleet.infer.imaging.ImageFiles;
import dev.stylefleet.infer.imaging.LargeInputs;
import dev.stylefleet.infer.imaging.TestImages;
import dev.stylefleet.infer.model.LoadedModel;
import dev.stylefleet.infer.model.StyleModels;

import dev.stylefleet.infer.bench.StyleNetOnnx;
import dev.stylefleet.schemas.InferOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 15's resident-memory measurement: one JVM that runs the worker's pipeline (the code a worker
 * runs for a job between fetching the input and storing the result) through a hostile-input run and
 * load, printing the process's VmRSS and VmHWM (from /proc/self/status) at each phase:
 *
 * <ol>
 *   <li>{@code started}: the model loaded and one small job done;</li>
 *   <li>{@code after-large}: the hostile-input set, the 16384 x 3906 16-bit PNG with maxSide 2048 and
 *       the 8000 x 8000 PNG (stylized whole, tiled; then with maxSide 2048);</li>
 *   <li>{@code after-load}: {@link #LOAD_JOBS} 1024 x 768 JPEG jobs from {@link #CLIENTS} threads;</li>
 *   <li>{@code idle-Ns}: the process left idle, sampled each {@link #IDLE_SAMPLE} for {@link #IDLE}.</li>
 * </ol>
 *
 * Run it with the worker's JVM options (docs/reliability.md gives the command); the large inputs are
 * made first by {@code generate DIR} in another JVM, so that writing them costs this one nothing.
 */
public final class HostileMemoryRun {
    static final int CLIENTS = 4;
    static final int LOAD_JOBS = 40;
    static final Duration IDLE = Duration.ofSeconds(60);
    static final Duration IDLE_SAMPLE = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("generate")) {
            Files.createDirectories(dir);
            Files.write(dir.resolve("panorama-16bit.png"), LargeInputs.panorama16Bit());
            Files.write(dir.resolve("square-8000.png"), LargeInputs.square8000());
            return;
        }
        byte[] panorama = Files.readAllBytes(dir.resolve("panorama-16bit.png"));
        byte[] square = Files.readAllBytes(dir.resolve("square-8000.png"));
        byte[] onnx = StyleNetOnnx.build(StyleNetOnnx.Spec.tiny(false, StyleNetOnnx.Upsample.DECONV, 1));
        LoadedModel model = LoadedModel.load(ai.onnxruntime.OrtEnvironment.getEnvironment(),
                StyleModels.manifest("memory", 1, "stylize", onnx), onnx, Runtime.getRuntime().availableProcessors());
        InferencePipeline pipeline = new InferencePipeline(InferenceSettings.defaults(), 8192L * 8192L,
                InferMetrics.NONE);
        byte[] small = ImageFiles.jpeg(TestImages.gradientWithNoise(1024, 768, 3), 90, false);
        pipeline.run(small, model, true, InferOptions.defaults(), "jpeg");
        report("started");

        int failed = 0;
        for (HostileInputs.Case c : HostileInputs.all()) {
            failed += job(pipeline, model, c.bytes(), null);
        }
        job(pipeline, model, panorama, 2048);
        job(pipeline, model, square, null);
        job(pipeline, model, square, 2048);
        System.out.println("hostile-failed " + failed);
        report("after-large");

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < LOAD_JOBS; i++) {
            done.add(clients.submit(() -> job(pipeline, model, small, null)));
        }
        for (Future<Integer> f : done) {
            f.get();
        }
        clients.shutdown();
        report("after-load");

        Instant start = Instant.now();
        for (Duration waited = Duration.ZERO; waited.compareTo(IDLE) < 0; ) {
            // Sampling the process as it idles is the measurement itself, not a synchronisation.
            Thread.sleep(IDLE_SAMPLE.toMillis());
            waited = Duration.between(start, Instant.now());
            report("idle-" + waited.toSeconds() + "s");
        }
    }

    /** 1 when the job failed with a job failure (the expected end of a hostile input), else 0. */
    private static int job(InferencePipeline pipeline, LoadedModel model, byte[] input, Integer maxSide) {
        try {
            pipeline.run(input, model, true, new InferOptions(maxSide, null, null, null, null), "jpeg");
            return 0;
        } catch (JobFailure f) {
            return 1;
        } catch (RuntimeException e) {
            // A defect, not an expected failure (the code before issue 15 threw NullPointerException
            // on palette PNGs with tRNS): counted and shown, so the run still reaches its memory figures.
            System.out.println("unexpected " + e);
            return 1;
        }
    }

    private static void report(String phase) throws Exception {
        long rss = 0;
        long hwm = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            } else if (line.startsWith("VmHWM:")) {
                hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("phase %-12s vmrss-mib %5d vmhwm-mib %5d heap-committed-mib %5d%n", phase, rss >> 10,
                hwm >> 10, heap.getCommitted() >> 20);
    }
}
