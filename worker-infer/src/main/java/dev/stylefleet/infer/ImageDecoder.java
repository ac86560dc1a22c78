package dev.stylefleet.infer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an uploaded image with ImageIO (PNG, JPEG, BMP, GIF). The size is read from the header
 * first, so an oversized image is refused before its pixels are allocated.
 */
public final class ImageDecoder {
    private ImageDecoder() {}

    /** Width and height in pixels. */
    public record Size(int width, int height) {
        public long pixels() {
            return (long) width * height;
        }
    }

    /** The image's size from its header; {@link ErrorCode#INVALID_IMAGE} if it is not a readable image. */
    public static Size size(byte[] bytes) {
        return withReader(bytes, r -> new Size(r.getWidth(0), r.getHeight(0)));
    }

    /** The decoded image; {@link ErrorCode#INVALID_IMAGE} if it cannot be decoded. */
    public static BufferedImage decode(byte[] bytes) {
        return withReader(bytes, r -> r.read(0));
    }

    private interface ReaderCall<T> {
        T apply(ImageReader reader) throws IOException;
    }

    private static <T> T withReader(byte[] bytes, ReaderCall<T> call) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw invalid("not a recognised image format (PNG, JPEG, BMP or GIF)", null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                T result = call.apply(reader);
                if (result == null) {
                    throw invalid("the decoder returned no image", null);
                }
                return result;
            } finally {
                reader.dispose();
            }
        } catch (JobFailure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO reports corrupt data as IIOException, and sometimes as unchecked exceptions.
            throw invalid("cannot be decoded: " + e.getMessage(), e);
        }
    }

    private static JobFailure invalid(String why, Throwable cause) {
        return new JobFailure(ErrorCode.INVALID_IMAGE, "input image " + why, cause);
    }
}
