package dev.stylefleet.cli.scale;

import dev.stylefleet.cli.MultipartBody;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** What a {@link JobLoad} client submits: the form of one {@code POST /v1/jobs}, drawn per submission. */
@FunctionalInterface
public interface JobMix {
    /** The next submission's form ({@code random} is the client's own). */
    MultipartBody next(Random random);

    /**
     * The scale runs' load: {@link JobLoad#MODEL} on {@value #SMALL_IMAGES} generated noise PNGs of
     * {@value #MIN_SIDE}-{@link JobLoad#MAX_SIDE} px a side.
     */
    public static JobMix smallSuperResolve() {
        List<byte[]> images = noisePngs(new Random(14), SMALL_IMAGES, MIN_SIDE, JobLoad.MAX_SIDE);
        return random -> new MultipartBody()
                .file("image", "load.png", "image/png", images.get(random.nextInt(images.size())))
                .field("task", "super-resolve").field("model", JobLoad.MODEL);
    }

    int SMALL_IMAGES = 16;
    int MIN_SIDE = 32;

    /**
     * {@code count} RGB noise PNGs with sides drawn from [{@code minSide}, {@code maxSide}]: noise does not
     * compress, so a PNG's size follows its pixels, and each job's input differs a little, as uploads do.
     */
    static List<byte[]> noisePngs(Random random, int count, int minSide, int maxSide) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int w = minSide + random.nextInt(maxSide - minSide + 1);
            int h = minSide + random.nextInt(maxSide - minSide + 1);
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    img.setRGB(x, y, random.nextInt(0x1000000));
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            try {
                ImageIO.write(img, "png", png);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(png.toByteArray());
        }
        return out;
    }
}
