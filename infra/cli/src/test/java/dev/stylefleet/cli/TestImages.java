package dev.stylefleet.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Images generated in code: smooth gradients plus seeded noise, so that every pixel matters. */
final class TestImages {
    private TestImages() {}

    static BufferedImage gradientWithNoise(int w, int h, long seed) {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = clamp(255 * x / Math.max(1, w - 1) + rnd.nextInt(41) - 20);
                int g = clamp(255 * y / Math.max(1, h - 1) + rnd.nextInt(41) - 20);
                int b = clamp(128 + (int) (100 * Math.sin((x + y) / 3.0)) + rnd.nextInt(21) - 10);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
