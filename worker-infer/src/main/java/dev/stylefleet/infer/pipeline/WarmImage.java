package dev.stylefleet.infer.pipeline;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The picture a worker warms its models with: a smooth colour ramp with a checker pattern, encoded as
 * PNG like an upload, so that the warm-up takes the same decode path as a job.
 */
final class WarmImage {
    private WarmImage() {}

    static byte[] png(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int r = 255 * x / Math.max(1, size - 1);
                int g = 255 * y / Math.max(1, size - 1);
                int b = ((x / 8 + y / 8) % 2 == 0) ? 48 : 208;
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        // In memory, never through ImageIO's temp-file cache: the warm-up runs before ImageDecoder turns that
        // cache off, and a service's temp directory may not be writable (seen under the fleet launcher).
        ImageIO.setUseCache(false);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
