package dev.stylefleet.train.eval;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.schemas.TrainParams;
import dev.stylefleet.train.StepLosses;
import dev.stylefleet.train.Trainer;
import dev.stylefleet.train.TrainingPlan;
import dev.stylefleet.train.data.RgbImage;
import dev.stylefleet.train.data.Resampling;
import dev.stylefleet.train.data.TrainingDataLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Trains a pixel-loss x4 super-resolution network on {@code content/train} of the shared data for a
 * fixed wall-clock budget (or loads a saved model), exports it to ONNX and evaluates it and bicubic
 * x4 on Set5 and Set14 with {@link ImageQuality} (Y channel PSNR / SSIM, images cropped to a multiple
 * of 4, 4 border pixels ignored). Prints the tables and writes the "## Super-resolution quality"
 * section of docs/benchmarks.md.
 *
 * <p>Low-resolution inputs are made from the cropped ground truth in two ways, each fed to both
 * methods: the standard benchmark protocol (bicubic downsampling, MATLAB {@code imresize} style) and
 * the paper's training degradation (Gaussian blur sigma 1.0, then bicubic), and rounded to 8 bits.
 * Outputs are rounded to 8 bits before scoring, as a saved image would be.
 *
 * <pre>
 *   java -cp ... dev.stylefleet.train.eval.SrEvaluation [--data ../shared/data] [--minutes 12] [--width 0.5]
 *        [--patch 288] [--batch 4] [--lr 1e-3] [--threads 2] [--model saved.onnx] [--save target/sr-x4.onnx]
 *        [--out docs/benchmarks.md]
 * </pre>
 */
public final class SrEvaluation {
    static final String HEADING = "## Super-resolution quality";
    static final int SCALE = 4;

    private SrEvaluation() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = TrainStepBenchmark.args(args);
        Path data = Path.of(a.getOrDefault("data", "../shared/data"));
        double minutes = Double.parseDouble(a.getOrDefault("minutes", "12"));
        double width = Double.parseDouble(a.getOrDefault("width", "0.5"));
        int patch = Integer.parseInt(a.getOrDefault("patch", "288"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "4"));
        double lr = Double.parseDouble(a.getOrDefault("lr", "1e-3"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
        String load = BenchmarkDoc.load();

        byte[] onnx;
        String training;
        if (a.containsKey("model")) {
            onnx = Files.readAllBytes(Path.of(a.get("model")));
            training = "model loaded from `" + a.get("model") + "` (trained by an earlier run of this command)";
        } else {
            TrainParams params = new TrainParams("sr4", null, null, null, width, SCALE, "pixel", 10_000_000, batch,
                    patch, null, lr, null, null, null, null, null, null, null, 50, 1L,
                null, null, null, null, null, null);
            TrainingPlan plan = TrainingPlan.of(TrainingPlan.Task.SUPER_RESOLVE, params);
            List<Path> files;
            try (Stream<Path> s = Files.list(data.resolve("content/train"))) {
                files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            }
            long deadline = System.nanoTime() + (long) (minutes * 60e9);
            long started = System.nanoTime();
            List<double[]> curve = new ArrayList<>();
            try (Trainer trainer = Trainer.create(plan, null, null, threads);
                    TrainingDataLoader loader = new TrainingDataLoader(files, plan.loaderSpec(0))) {
                double[] window = {0, 0};
                trainer.train(loader, (StepLosses l) -> {
                    window[0] += l.total();
                    window[1]++;
                    if (l.step() % 50 == 0) {
                        double elapsed = (System.nanoTime() - started) / 1e9;
                        curve.add(new double[] {l.step(), window[0] / window[1], elapsed});
                        System.out.printf(Locale.ROOT, "step %d: mean total loss of the last %d steps %.2f, %.1f s%n",
                                l.step(), (int) window[1], window[0] / window[1], elapsed);
                        window[0] = 0;
                        window[1] = 0;
                    }
                    if (System.nanoTime() > deadline) {
                        trainer.requestStop();
                    }
                });
                onnx = trainer.exportOnnx(plan.describe());
                double seconds = (System.nanoTime() - started) / 1e9;
                StringBuilder c = new StringBuilder();
                for (double[] p : curve) {
                    if (curve.indexOf(p) % Math.max(1, curve.size() / 6) == 0 || p == curve.get(curve.size() - 1)) {
                        c.append(String.format(Locale.ROOT, "%s%d: %.1f", c.length() == 0 ? "" : ", ", (long) p[0], p[1]));
                    }
                }
                training = String.format(Locale.ROOT, "`sr4` at width %.2f (%d trainable parameters), pixel loss "
                        + "(MSE, weight 1) + TV 1e-6, Adam lr %s, batch %d of %dx%d patches from the %d images of "
                        + "content/train (blur sigma 1 + bicubic /4 inputs), **%d steps in %.1f min** (the paper: "
                        + "200,000). Training loss (mean MSE over 50 steps, in 8-bit units squared) by step: %s.",
                        width, countParams(trainer), lr, batch, patch, patch, files.size(), trainer.stepsDone(),
                        seconds / 60, c);
            }
            Path save = Path.of(a.getOrDefault("save", "worker-train/target/sr-x4-pixel.onnx"));
            Files.createDirectories(save.toAbsolutePath().getParent());
            Files.write(save, onnx);
            System.out.println("saved " + save);
        }

        StringBuilder table = new StringBuilder("| set | low-resolution input | bicubic x4 PSNR / SSIM | "
                + "pixel-loss net PSNR / SSIM | images |\n|---|---|---|---|---|\n");
        StringBuilder perImage = new StringBuilder();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            try (OrtSession session = env.createSession(onnx, o)) {
                for (String set : List.of("Set5", "Set14")) {
                    for (boolean blur : List.of(false, true)) {
                        double[] sums = new double[4];
                        List<Path> images;
                        try (Stream<Path> s = Files.list(data.resolve("sr").resolve(set))) {
                            images = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
                        }
                        for (Path file : images) {
                            RgbImage hr = ImageQuality.modCrop(read(file), SCALE);
                            RgbImage src = blur ? Resampling.gaussianBlur(hr, 1.0) : hr;
                            RgbImage lrImg = Resampling.bicubic(src, hr.width() / SCALE, hr.height() / SCALE).quantized();
                            RgbImage bicubic = Resampling.bicubic(lrImg, hr.width(), hr.height()).quantized();
                            RgbImage net = run(env, session, lrImg).quantized();
                            ImageQuality.Score b = ImageQuality.score(hr, bicubic, SCALE);
                            ImageQuality.Score n = ImageQuality.score(hr, net, SCALE);
                            sums[0] += b.psnr();
                            sums[1] += b.ssim();
                            sums[2] += n.psnr();
                            sums[3] += n.ssim();
                            String line = String.format(Locale.ROOT, "%s/%s (%s): bicubic %.2f / %.4f, net %.2f / %.4f",
                                    set, file.getFileName(), blur ? "blur+bicubic" : "bicubic", b.psnr(), b.ssim(),
                                    n.psnr(), n.ssim());
                            System.out.println(line);
                            perImage.append(line).append('\n');
                        }
                        int k = images.size();
                        table.append(String.format(Locale.ROOT, "| %s | %s | %.2f / %.4f | %.2f / %.4f | %d |%n", set,
                                blur ? "blur sigma 1 + bicubic /4 (training degradation)" : "bicubic /4 (standard)",
                                sums[0] / k, sums[1] / k, sums[2] / k, sums[3] / k, k));
                    }
                }
            }
        }
        String body = """
                Pixel-loss x4 super-resolution trained here on CPU, next to bicubic x4, on Set5 and Set14 (the
                ground-truth images of ../shared/data/sr). PSNR (dB) / SSIM on the Y channel (BT.601, MATLAB
                `rgb2ycbcr`), images cropped to a multiple of 4, 4 border pixels ignored, SSIM with an 11x11
                Gaussian window (sigma 1.5, K1 0.01, K2 0.03, L 255); outputs rounded to 8 bits. The network runs
                as the exported ONNX model in ONNX Runtime.

                Training: %s Measured %s, %s at the start.

                %s
                The paper's anchors (recall, Table 3, x4): bicubic 28.43 / 0.811 (Set5), 25.99 / 0.730 (Set14);
                its pixel-loss network about 28.4 (Set5) and 25.8 (Set14) after 200,000 steps on 10k COCO images.
                A network trained for minutes on a CPU is not expected to reach that: these are the figures of this
                model, not of the method.

                Command: `./mvnw -q -pl worker-train dependency:build-classpath -Dmdep.outputFile=target/cp.txt &&
                java -cp worker-train/target/classes:$(cat worker-train/target/cp.txt)
                dev.stylefleet.train.eval.SrEvaluation %s`

                <details><summary>Per image</summary>

                ```
                %s```
                </details>
                """.formatted(training, LocalDate.now(), load, table, String.join(" ", args), perImage);
        System.out.println(table);
        BenchmarkDoc.writeSection(Path.of(a.getOrDefault("out", "docs/benchmarks.md")), HEADING, body);
    }

    private static long countParams(Trainer t) {
        long n = 0;
        for (var v : t.readVariables().entrySet()) {
            if (!v.getKey().contains("moving")) {
                n += v.getValue().values().length;
            }
        }
        return n;
    }

    static RgbImage read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + " is not a readable image");
        }
        return RgbImage.of(img);
    }

    /** The model on one image: NCHW [1, 3, h, w] in, [1, 3, 4h, 4w] out, RGB in [0, 255]. */
    static RgbImage run(OrtEnvironment env, OrtSession session, RgbImage lr) throws OrtException {
        int w = lr.width();
        int h = lr.height();
        float[] nchw = new float[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            for (int c = 0; c < 3; c++) {
                nchw[c * w * h + i] = lr.rgb()[3 * i + c];
            }
        }
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(nchw), new long[] {1, 3, h, w});
                OrtSession.Result r = session.run(Map.of(session.getInputNames().iterator().next(), in))) {
            OnnxTensor out = (OnnxTensor) r.get(0);
            long[] shape = out.getInfo().getShape();
            int oh = (int) shape[2];
            int ow = (int) shape[3];
            FloatBuffer fb = out.getFloatBuffer();
            float[] planes = new float[fb.remaining()];
            fb.get(planes);
            float[] rgb = new float[planes.length];
            for (int i = 0; i < ow * oh; i++) {
                for (int c = 0; c < 3; c++) {
                    rgb[3 * i + c] = planes[c * ow * oh + i];
                }
            }
            return new RgbImage(ow, oh, rgb);
        }
    }
}
