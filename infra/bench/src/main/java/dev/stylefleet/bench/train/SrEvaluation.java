package dev.stylefleet.bench.train;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.bench.BenchmarkDoc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores super-resolution models against bicubic on Set5 and Set14 with the standard protocol
 * ({@link SrScoring}) and writes the "## Super-resolution quality" section of docs/benchmarks.md. A
 * model is given as {@code --model <name>:<scale>=<model.onnx>}, for example the built-ins
 * {@code --model sr-x4:4=worker-infer/src/main/resources/builtin/sr/sr-x4/model.onnx}. The models run
 * as ONNX in ONNX Runtime, exactly as the inference worker runs them.
 *
 * <pre>
 *   java -cp ... dev.stylefleet.bench.train.SrEvaluation [--data ../shared/data] --model NAME:SCALE=FILE ...
 *        [--threads 2] [--out docs/benchmarks.md]
 * </pre>
 */
public final class SrEvaluation {
    static final String HEADING = "## Super-resolution quality";
    private static final List<String> SETS = List.of("Set5", "Set14");

    private SrEvaluation() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of("../shared/data");
        Path out = Path.of("docs/benchmarks.md");
        int threads = 2;
        Map<String, Path> models = new LinkedHashMap<>();
        Map<String, Integer> scales = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--model" -> {
                    String spec = args[++i];
                    int colon = spec.indexOf(':');
                    int eq = spec.indexOf('=');
                    if (colon < 1 || eq < colon) {
                        throw new IllegalArgumentException("--model takes NAME:SCALE=FILE, got " + spec);
                    }
                    String name = spec.substring(0, colon);
                    scales.put(name, Integer.parseInt(spec.substring(colon + 1, eq)));
                    models.put(name, Path.of(spec.substring(eq + 1)));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String load = BenchmarkDoc.load();
        StringBuilder table = new StringBuilder(
                "| scale | set | method | PSNR (dB) | SSIM | vs bicubic (dB) | images |\n|---|---|---|---|---|---|---|\n");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<Integer> sortedScales = new ArrayList<>(new java.util.TreeSet<>(scales.values()));
        for (int scale : sortedScales) {
            for (String set : SETS) {
                SrScoring.Result b = SrScoring.score(data, set, scale, SrScoring.bicubic());
                table.append(row(scale, set, "bicubic", b, b));
                for (Map.Entry<String, Path> m : models.entrySet()) {
                    if (scales.get(m.getKey()) != scale) {
                        continue;
                    }
                    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
                        o.setIntraOpNumThreads(threads);
                        try (OrtSession s = env.createSession(Files.readAllBytes(m.getValue()), o)) {
                            SrScoring.Result r = SrScoring.score(data, set, scale, SrScoring.onnx(env, s));
                            table.append(row(scale, set, "`" + m.getKey() + "`", r, b));
                        }
                    }
                }
                System.out.print(table);
            }
        }
        String body = """
                Y-channel PSNR / SSIM on Set5 and Set14 (the ground-truth images of ../shared/data/sr), standard
                protocol: each image cropped to a multiple of the scale, bicubic-downscaled (MATLAB `imresize`
                style) and rounded to 8 bits for the input; outputs rounded to 8 bits; a border of `scale` pixels
                ignored; SSIM with an 11x11 Gaussian window (sigma 1.5). Models run as their ONNX files in ONNX
                Runtime, as the inference worker runs them. Measured %s, %s at the start.

                %s
                The paper's anchors (recall, Table 3, x4): bicubic 28.43 / 0.811 (Set5), 25.99 / 0.730 (Set14);
                SRCNN 30.48 / 0.863 and 27.49 / 0.750. How the built-ins were trained: their model cards,
                `worker-infer/src/main/resources/builtin/sr/<id>/card.md`; which option gave what:
                "Super-resolution ablation" below.

                Command (repository root): `%s`
                """.formatted(LocalDate.now(), load, table,
                BenchmarkDoc.command(SrEvaluation.class, String.join(" ", args)));
        BenchmarkDoc.writeSection(out, HEADING, body);
    }

    private static String row(int scale, String set, String method, SrScoring.Result r, SrScoring.Result bicubic) {
        return String.format(Locale.ROOT, "| x%d | %s | %s | %.2f | %.4f | %+.2f | %d |%n", scale, set, method, r.psnr(),
                r.ssim(), r.psnr() - bicubic.psnr(), r.images());
    }
}
