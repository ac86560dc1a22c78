package dev.stylefleet.train.job;

import dev.stylefleet.train.TrainingPlan;
import dev.stylefleet.train.data.RgbImage;
import dev.stylefleet.train.data.Resampling;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The fixed content image a job's previews show through the network at each checkpoint: the first
 * dataset image that decodes, centre-cropped to a square and resized to the training input size
 * (the crop side for style, the low-resolution patch side for super-resolution), so successive
 * previews of one job are comparable. A generated pattern stands in if no dataset image decodes.
 */
final class PreviewImages {
    private PreviewImages() {}

    static RgbImage content(List<Path> dataset, TrainingPlan plan) {
        int side = plan.imageSize() / plan.scale();
        for (Path file : dataset) {
            try (InputStream in = Files.newInputStream(file)) {
                BufferedImage img = ImageIO.read(in);
                if (img != null) {
                    RgbImage rgb = RgbImage.of(img);
                    int s = Math.min(rgb.width(), rgb.height());
                    RgbImage square = rgb.crop((rgb.width() - s) / 2, (rgb.height() - s) / 2, s, s);
                    return Resampling.bicubic(square, side, side).quantized();
                }
            } catch (IOException | RuntimeException e) {
                // Not an image: the loader counts it; try the next one.
            }
        }
        return pattern(side);
    }

    /** Smooth colour gradients with a few edges. */
    static RgbImage pattern(int side) {
        float[] v = new float[side * side * 3];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = (y * side + x) * 3;
                v[i] = 255f * x / side;
                v[i + 1] = 255f * y / side;
                v[i + 2] = ((x / 8 + y / 8) % 2) * 200f + 27f;
            }
        }
        return new RgbImage(side, side, v);
    }

    static byte[] png(RgbImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image.toBufferedImage(), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
