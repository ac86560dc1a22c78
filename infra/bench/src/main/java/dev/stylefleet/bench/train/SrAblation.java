package dev.stylefleet.bench.train;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.bench.BenchmarkDoc;
import dev.stylefleet.schemas.TrainParams;
import dev.stylefleet.train.Trainer;
import dev.stylefleet.train.TrainingPlan;
import dev.stylefleet.train.data.TrainingDataLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which super-resolution option gives how much: x4 networks trained for the same number of steps on
 * the same batches ({@code content/train} of the shared data, one seed), each adding one change to the
 * one before, from the paper's pixel-loss net to the recipe of the {@code sr-x4} built-in; each scored
 * with the standard protocol ({@link SrScoring}) on Set5 and Set14. Short runs on a CPU: the
 * differences show what each change does early in training, not what it is worth after 200,000
 * steps. Writes "## Super-resolution ablation" of docs/benchmarks.md.
 *
 * <pre>
 *   java -cp ... dev.stylefleet.bench.train.SrAblation [--data ../shared/data] [--steps 250] [--batch 8]
 *        [--patch 64] [--threads 2] [--out docs/benchmarks.md]
 * </pre>
 */
public final class SrAblation {
    static final String HEADING = "## Super-resolution ablation";
    private static final int SCALE = 4;

    private SrAblation() {}

    /** One row: what changed, and the parameters that express it. */
    record Variant(String change, String arch, String norm, String upsample, String output, String skip,
            String pixelNorm, String lrDecay, String degradation) {}

    static final List<Variant> VARIANTS = List.of(
            new Variant("the paper's pixel-loss net (`sr4`: batch norm, stride-1/2 conv, tanh, L2, blur + bicubic inputs)",
                    "sr4", "batch", "deconv", "tanh", "none", "l2", "none", "blur-bicubic"),
            new Variant("+ inputs made like the benchmark's (bicubic only)",
                    "sr4", "batch", "deconv", "tanh", "none", "l2", "none", "bicubic"),
            new Variant("+ global bicubic skip, linear output (learn the residual)",
                    "sr4", "batch", "deconv", "linear", "bicubic", "l2", "none", "bicubic"),
            new Variant("+ no batch norm (convolutions with bias)",
                    "sr4", "none", "deconv", "linear", "bicubic", "l2", "none", "bicubic"),
            new Variant("+ sub-pixel upsampling",
                    "sr4", "none", "subpixel", "linear", "bicubic", "l2", "none", "bicubic"),
            new Variant("+ L1 pixel loss",
                    "sr4", "none", "subpixel", "linear", "bicubic", "l1", "none", "bicubic"),
            new Variant("+ cosine learning-rate decay",
                    "sr4", "none", "subpixel", "linear", "bicubic", "l1", "cosine", "bicubic"),
            new Variant("+ the built-in's arch (3x3 first/last conv, six blocks, 32-filter upsampling)",
                    "c3s1-64,R64x6,u32,u32,c3s1-3", "none", "subpixel", "linear", "bicubic", "l1", "cosine", "bicubic"));

    public static void main(String[] args) throws Exception {
        Map<String, String> a = TrainStepBenchmark.args(args);
        Path data = Path.of(a.getOrDefault("data", "../shared/data"));
        int steps = Integer.parseInt(a.getOrDefault("steps", "250"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "8"));
        int patch = Integer.parseInt(a.getOrDefault("patch", "64"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
        String load = BenchmarkDoc.load();
        List<Path> files;
        try (Stream<Path> s = Files.list(data.resolve("content/train"))) {
            files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        SrScoring.Result b5 = SrScoring.score(data, "Set5", SCALE, SrScoring.bicubic());
        SrScoring.Result b14 = SrScoring.score(data, "Set14", SCALE, SrScoring.bicubic());
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "| change | Set5 PSNR | Δ | Set14 PSNR | Δ | train s |%n|---|---|---|---|---|---|%n"
                        + "| bicubic | %.2f | | %.2f | | |%n", b5.psnr(), b14.psnr()));
        double prev5 = b5.psnr();
        double prev14 = b14.psnr();
        for (Variant v : VARIANTS) {
            TrainParams params = new TrainParams(v.arch(), v.norm(), v.upsample(), "zero", 1.0, SCALE, "pixel", steps,
                    batch, patch, null, 1e-3, null, null, 0.0, 1.0, null, null, null, 50, 1L, v.skip(), v.output(),
                    v.pixelNorm(), v.lrDecay(), v.degradation(), null);
            TrainingPlan plan = TrainingPlan.of(TrainingPlan.Task.SUPER_RESOLVE, params);
            long t0 = System.nanoTime();
            byte[] onnx;
            try (Trainer trainer = Trainer.create(plan, null, null, threads);
                    TrainingDataLoader loader = new TrainingDataLoader(files, plan.loaderSpec(0))) {
                trainer.train(loader, l -> { });
                onnx = trainer.exportOnnx(plan.describe());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            SrScoring.Result r5;
            SrScoring.Result r14;
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
                o.setIntraOpNumThreads(threads);
                try (OrtSession s = env.createSession(onnx, o)) {
                    r5 = SrScoring.score(data, "Set5", SCALE, SrScoring.onnx(env, s));
                    r14 = SrScoring.score(data, "Set14", SCALE, SrScoring.onnx(env, s));
                }
            }
            String row = String.format(Locale.ROOT, "| %s | %.2f | %+.2f | %.2f | %+.2f | %.0f |%n", v.change(),
                    r5.psnr(), r5.psnr() - prev5, r14.psnr(), r14.psnr() - prev14, seconds);
            System.out.print(row);
            table.append(row);
            prev5 = r5.psnr();
            prev14 = r14.psnr();
        }
        String body = """
                x4 networks trained here for %d steps each (batch %d, %dx%d high-resolution patches from the
                400 images of content/train, Adam lr 1e-3, seed 1, the same batches for every row), each row
                adding one change to the row above; Δ is against the row above (the first: against bicubic).
                Scored like "Super-resolution quality" (Y channel, standard bicubic-downscaled inputs). These
                are short CPU runs: they show what each change does early in training, with a noise of a few
                hundredths of a dB from the seed, not what it would be worth after the paper's 200,000 steps.
                Measured %s, %s at the start.

                %s
                Command (repository root): `%s`
                """.formatted(steps, batch, patch, patch, LocalDate.now(), load, table,
                BenchmarkDoc.command(SrAblation.class, String.join(" ", args)));
        BenchmarkDoc.writeSection(Path.of(a.getOrDefault("out", "docs/benchmarks.md")), HEADING, body);
    }
}
