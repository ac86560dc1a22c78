package dev.stylefleet.infer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a result image in the job's {@code outputFormat}. PNG (lossless, 8-bit RGB) is the default
 * and what quality comparisons use; JPEG honours {@code options.quality}. WebP needs a codec ImageIO
 * does not ship, so it is refused with {@link ErrorCode#UNSUPPORTED_OUTPUT_FORMAT}.
 */
public final class ResultEncoder {
    private ResultEncoder() {}

    /** An encoded result: bytes, the object-key extension and the content type. */
    public record Encoded(byte[] bytes, String extension, String contentType) {}

    /** JPEG quality (1..100) when the job does not set one: visually lossless for photographs. */
    public static final int DEFAULT_JPEG_QUALITY = 92;

    /** The extension a format's result object gets; fails for a format this worker cannot write. */
    public static String extension(String outputFormat) {
        return switch (outputFormat == null ? "png" : outputFormat) {
            case "png" -> "png";
            case "jpeg" -> "jpg";
            default -> throw new JobFailure(ErrorCode.UNSUPPORTED_OUTPUT_FORMAT, "outputFormat '" + outputFormat
                    + "' is not supported by this worker; allowed: png, jpeg");
        };
    }

    public static Encoded encode(BufferedImage image, String outputFormat, Integer quality) {
        String extension = extension(outputFormat);
        try {
            if (extension.equals("png")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                if (!ImageIO.write(image, "png", out)) {
                    throw new IllegalStateException("no PNG writer available");
                }
                return new Encoded(out.toByteArray(), extension, "image/png");
            }
            return new Encoded(jpeg(image, quality == null ? DEFAULT_JPEG_QUALITY : quality), extension,
                    "image/jpeg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] jpeg(BufferedImage image, int quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
