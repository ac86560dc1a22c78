package dev.stylefleet.infer.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

/**
 * Writes a built-in model tree ({@link dev.stylefleet.infer.builtin.BuiltinAssets} directory layout) of
 * random-weight style networks built by {@link StyleNetOnnx}, with cards, preview images and a notice:
 * what tests and the warm-start benchmark point {@code stylefleet.infer.builtin-root} at, so they never
 * depend on the real models shipped in the jar (nor on their size).
 */
public final class GeneratedBuiltins {
    /** The notice file name the generated styles index names. */
    public static final String NOTICE = "NOTICE-generated.txt";

    private GeneratedBuiltins() {}

    /** One style per id, each with its own seed; returns {@code root}. */
    public static Path writeStyles(Path root, List<String> ids, StyleNetOnnx.Spec spec) {
        try {
            Path styles = Files.createDirectories(root.resolve("styles"));
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                Path dir = Files.createDirectories(styles.resolve(id));
                StyleNetOnnx.Spec s = new StyleNetOnnx.Spec(spec.c1(), spec.c2(), spec.c3(), spec.residualBlocks(),
                        spec.instanceNorm(), spec.upsample(), spec.seed() + i);
                Files.write(dir.resolve("model.onnx"), StyleNetOnnx.build(s));
                Files.writeString(dir.resolve("card.json"), card(id, i), StandardCharsets.UTF_8);
                Files.write(dir.resolve("preview.jpg"), preview(48 + i, 32));
            }
            String list = ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(", "));
            Files.writeString(styles.resolve("index.json"), "{\"ids\": [" + list + "], \"notice\": \"" + NOTICE + "\"}\n",
                    StandardCharsets.UTF_8);
            Files.writeString(root.resolve(NOTICE), "Generated random-weight test networks; no licence applies.\n",
                    StandardCharsets.UTF_8);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The card of the i-th generated style: {id, name, painting, artist, provenance, licence}. */
    static String card(String id, int i) {
        return "{\"id\": \"" + id + "\", \"name\": \"Generated " + id + "\", \"painting\": \"none (random weights)\", "
                + "\"artist\": \"Test Artist " + i + "\", \"provenance\": \"GeneratedBuiltins, seed offset " + i
                + "\", \"licence\": \"none\"}\n";
    }

    /** A small JPEG with diagonal colour bands: stands in for the style applied to a repository picture. */
    public static byte[] preview(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int band = ((x + y) / 6) % 3;
                image.setRGB(x, y, band == 0 ? 0xd0_40_30 : band == 1 ? 0x30_90_d0 : 0xf0_d0_60);
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
