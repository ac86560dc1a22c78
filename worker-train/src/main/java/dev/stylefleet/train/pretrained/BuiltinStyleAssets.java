package dev.stylefleet.train.pretrained;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.TransformerSession;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Produces the built-in style assets from the pretrained distribution
 * (../shared/models/fast-style-transfer), after checking its SHA256SUMS:
 * <pre>
 *   worker-train/src/main/resources/dev/stylefleet/train/builtin/styles/ID/  manifest.json, float16 kernels + float32 1-D weights, NOTICE
 *   worker-infer/src/main/resources/builtin/styles/ID/                      model.onnx, card.json, preview.jpg
 *   worker-infer/src/main/resources/builtin/NOTICE-fast-style-transfer.txt
 * </pre>
 * The ONNX model is exported from the compact checkpoint as read back (the very values the
 * worker-train resource holds), so both ship the same net. The preview is the style applied by
 * ONNX Runtime to docs/images/landscape.png (a picture drawn by code for the repository, never a
 * painting), reduced to {@value #PREVIEW_WIDTH} px wide. Deterministic: the same inputs give the same files.
 *
 * <p>Command (docs/models.md): {@code java -cp <worker-train classpath>
 * dev.stylefleet.train.pretrained.BuiltinStyleAssets --source ../shared/models/fast-style-transfer --repo .}
 */
@Command(name = "builtin-style-assets", mixinStandardHelpOptions = true,
        description = "Build the built-in style assets (compact checkpoints, ONNX models, cards, previews).")
public final class BuiltinStyleAssets implements Callable<Integer> {
    public static final int PREVIEW_WIDTH = 256;
    public static final float JPEG_QUALITY = 0.85f;
    public static final String PREVIEW_SOURCE = "docs/images/landscape.png";

    @Option(names = "--source", required = true, paramLabel = "DIR",
            description = "The pretrained distribution (folders la_muse, ..., and SHA256SUMS).")
    Path source;

    @Option(names = "--repo", defaultValue = ".", paramLabel = "DIR", description = "Repository root. Default: .")
    Path repo;

    @Option(names = "--threads", defaultValue = "2", description = "CPU threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static void main(String[] args) {
        System.exit(new CommandLine(new BuiltinStyleAssets()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        verifySums(source, out);
        Path trainRoot = repo.resolve("worker-train/src/main/resources").resolve(BuiltinStyle.RESOURCE_ROOT);
        Path inferRoot = repo.resolve("worker-infer/src/main/resources/builtin");
        Files.createDirectories(inferRoot);
        Files.writeString(inferRoot.resolve(BuiltinStyle.NOTICE_FILE), BuiltinStyle.NOTICE_TEXT);
        FloatTensor preview = previewInput(repo.resolve(PREVIEW_SOURCE));
        out.printf("preview input %s at %dx%d%n", PREVIEW_SOURCE, preview.dim(2), preview.dim(1));
        // First every compact checkpoint (the worker-train resources), then everything derived from them.
        Map<String, Double> rounding = new LinkedHashMap<>();
        for (BuiltinStyle style : BuiltinStyle.ALL) {
            PretrainedCheckpoint original = original(style);
            Path compactDir = trainRoot.resolve(style.id());
            clear(compactDir);
            rounding.put(style.id(), original.writeCompact(compactDir));
            Files.writeString(compactDir.resolve("NOTICE"), BuiltinStyle.NOTICE_TEXT);
        }
        for (BuiltinStyle style : BuiltinStyle.ALL) {
            Path compactDir = trainRoot.resolve(style.id());
            PretrainedCheckpoint compact = PretrainedImport.read(CheckpointSource.directory(compactDir));
            Path work = Files.createTempDirectory("builtin-" + style.id());
            PretrainedImport.Result r = PretrainedImport.convert(compact, work, provenance(style), threads, true);
            Path styleDir = inferRoot.resolve("styles").resolve(style.id());
            clear(styleDir);
            Files.write(styleDir.resolve(PretrainedImport.MODEL_FILE), r.onnx());

            FloatTensor stylised = PretrainedImport.runOnnx(r.onnx(), preview.nhwcToNchw(), threads).nchwToNhwc();
            writeJpeg(stylised, styleDir.resolve("preview.jpg"));
            // What float16 storage changes in the output, against the original float32 values.
            double fp16Max;
            double fp16Mean;
            try (TransformerSession full = PretrainedImport.load(original(style), threads);
                    TransformerSession half = PretrainedImport.load(compact, threads)) {
                FloatTensor a = full.run(preview);
                FloatTensor b = half.run(preview);
                fp16Max = a.maxAbsDiff(b);
                double sum = 0;
                for (int i = 0; i < a.values().length; i++) {
                    sum += Math.abs(a.values()[i] - b.values()[i]);
                }
                fp16Mean = sum / a.values().length;
            }
            Files.writeString(styleDir.resolve("card.json"), card(style), StandardCharsets.UTF_8);
            out.printf("%-14s weights %,d B (float16, max rounding %.1e)  onnx %,d B  export parity %.2e  "
                            + "float16 vs float32 output: max %.3f mean %.4f (0..255)%n",
                    style.id(), folderSize(compactDir), rounding.get(style.id()), r.onnx().length, r.parityMaxAbs(),
                    fp16Max, fp16Mean);
            deleteTree(work);
        }
        return 0;
    }

    private PretrainedCheckpoint original(BuiltinStyle style) {
        return PretrainedImport.read(CheckpointSource.directory(source.resolve(style.folder())));
    }

    static Map<String, Object> provenance(BuiltinStyle style) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("builtin", style.id());
        p.put("source", "ml5js/ml5-data-and-models models/style-transfer/" + style.folder()
                + "/ @ 0612a3e7c51cbffdc5db701dff49d16d1ac26fa8");
        p.put("provenance", BuiltinStyle.PROVENANCE.replace("<style>", style.folder()));
        p.put("licence", BuiltinStyle.LICENCE);
        p.put("copyright", BuiltinStyle.COPYRIGHT);
        return p;
    }

    static String card(BuiltinStyle style) throws IOException {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", style.id());
        c.put("name", style.name());
        c.put("painting", style.painting());
        c.put("artist", style.artist());
        c.put("provenance", BuiltinStyle.PROVENANCE.replace("<style>", style.folder()));
        c.put("licence", BuiltinStyle.LICENCE);
        var copyright = c.putArray("copyright");
        BuiltinStyle.COPYRIGHT.forEach(copyright::add);
        c.put("notice", BuiltinStyle.NOTICE_FILE);
        c.put("architecture", FastStyleTransferNet.ARCH.canonical());
        c.put("options", FastStyleTransferNet.OPTIONS.describe());
        c.put("preview", "preview.jpg: this style applied to " + PREVIEW_SOURCE + " (drawn by code for the repository), "
                + PREVIEW_WIDTH + " px wide");
        return JSON.writeValueAsString(c) + "\n";
    }

    /** Checks every line of SHA256SUMS and that every file of the six style folders is listed. */
    static void verifySums(Path source, PrintWriter out) throws IOException {
        Path sums = source.resolve("SHA256SUMS");
        if (!Files.isRegularFile(sums)) {
            throw new IllegalArgumentException("no SHA256SUMS in " + source);
        }
        Map<String, String> listed = new LinkedHashMap<>();
        for (String line : Files.readAllLines(sums)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split("\\s+", 2);
            String path = parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
            listed.put(Path.of(path).normalize().toString(), parts[0].toLowerCase(java.util.Locale.ROOT));
        }
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, String> e : listed.entrySet()) {
            Path f = source.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                bad.add(e.getKey() + " missing");
            } else if (!sha256(f).equals(e.getValue())) {
                bad.add(e.getKey() + " has another SHA-256");
            }
        }
        for (BuiltinStyle s : BuiltinStyle.ALL) {
            try (Stream<Path> files = Files.list(source.resolve(s.folder()))) {
                files.map(p -> source.relativize(p).normalize().toString()).filter(p -> !listed.containsKey(p))
                        .forEach(p -> bad.add(p + " not in SHA256SUMS"));
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalStateException("SHA256SUMS check failed in " + source + ": " + bad);
        }
        out.printf("SHA256SUMS: %d files verified%n", listed.size());
    }

    /**
     * The preview picture as an NHWC image {@value #PREVIEW_WIDTH} px wide: a whole-factor
     * reduction averages blocks (landscape.png, 512x352, gives 256x176), anything else is resized
     * bicubically.
     */
    static FloatTensor previewInput(Path png) throws IOException {
        BufferedImage src = ImageIO.read(png.toFile());
        if (src == null) {
            throw new IllegalArgumentException("not an image: " + png);
        }
        int w = PREVIEW_WIDTH;
        int h = Math.round(src.getHeight() * (float) w / src.getWidth());
        float[] v = new float[h * w * 3];
        int f = src.getWidth() / w;
        if (f >= 1 && src.getWidth() == f * w && src.getHeight() == f * h) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int dy = 0; dy < f; dy++) {
                        for (int dx = 0; dx < f; dx++) {
                            int rgb = src.getRGB(x * f + dx, y * f + dy);
                            int i = (y * w + x) * 3;
                            v[i] += ((rgb >> 16) & 0xff) / (float) (f * f);
                            v[i + 1] += ((rgb >> 8) & 0xff) / (float) (f * f);
                            v[i + 2] += (rgb & 0xff) / (float) (f * f);
                        }
                    }
                }
            }
            return new FloatTensor(new long[] {1, h, w, 3}, v);
        }
        BufferedImage resized = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = resized.getRGB(x, y);
                int i = (y * w + x) * 3;
                v[i] = (rgb >> 16) & 0xff;
                v[i + 1] = (rgb >> 8) & 0xff;
                v[i + 2] = rgb & 0xff;
            }
        }
        return new FloatTensor(new long[] {1, h, w, 3}, v);
    }

    static void writeJpeg(FloatTensor nhwc, Path file) throws IOException {
        int h = nhwc.dim(1);
        int w = nhwc.dim(2);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        float[] v = nhwc.values();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                img.setRGB(x, y, (byte8(v[i]) << 16) | (byte8(v[i + 1]) << 8) | byte8(v[i + 2]));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        Files.deleteIfExists(file);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static int byte8(float v) {
        return (int) Math.max(0, Math.min(255, Math.floor(v + 0.5)));
    }

    static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void clear(Path dir) throws IOException {
        if (Files.exists(dir)) {
            deleteTree(dir);
        }
        Files.createDirectories(dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static long folderSize(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            long n = 0;
            for (Path p : s.toList()) {
                n += Files.size(p);
            }
            return n;
        }
    }
}
