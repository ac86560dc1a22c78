package dev.stylefleet.infer.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Images generated in code for tests (tests never read shared data). */
public final class TestImages {
    private TestImages() {}

    /** Colour ramps with seeded noise: smooth regions and detail, every channel different. */
    public static BufferedImage gradientWithNoise(int w, int h, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = clamp(255 * x / Math.max(1, w - 1) + random.nextInt(41) - 20);
                int g = clamp(255 * y / Math.max(1, h - 1) + random.nextInt(41) - 20);
                int b = clamp(((x / 4 + y / 4) % 2 == 0 ? 40 : 215) + random.nextInt(21) - 10);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
