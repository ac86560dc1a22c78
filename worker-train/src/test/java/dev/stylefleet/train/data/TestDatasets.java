package dev.stylefleet.train.data;

import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Generated training images written as files (tests never read ../shared/data). */
public final class TestDatasets {
    private TestDatasets() {}

    /** A generated image of this size. */
    public static RgbImage image(int width, int height, long seed) {
        FloatTensor t = TestImages.nhwc(1, height, width, seed);
        return RgbImage.fromNhwc(t, 0);
    }

    public static byte[] png(RgbImage image) {
        try (var out = new java.io.ByteArrayOutputStream()) {
            ImageIO.write(image.toBufferedImage(), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} PNG files of varied sizes around {@code size}, plus {@code broken} files that are not images. */
    public static List<Path> write(Path dir, int count, int size, int broken) {
        try {
            Files.createDirectories(dir);
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path f = dir.resolve("img-" + i + ".png");
                Files.write(f, png(image(size + 7 * (i % 3), size + 5 * (i % 2), 100 + i)));
                files.add(f);
            }
            for (int i = 0; i < broken; i++) {
                Path f = dir.resolve("broken-" + i + ".jpg");
                Files.write(f, ("not a jpeg " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                files.add(f);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
