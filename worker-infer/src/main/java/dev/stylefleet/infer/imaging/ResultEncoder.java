package dev.stylefleet.infer.imaging;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a result image in the job's {@code outputFormat}: PNG (lossless, keeps alpha; the default and
 * what quality comparisons use), JPEG ({@code options.quality}, alpha dropped: JPEG has none) or WebP
 * ({@code options.quality}, lossy, keeps alpha) through webp-imageio's bundled libwebp. If that
 * native library cannot load on this machine, WebP jobs fail UNSUPPORTED_OUTPUT_FORMAT saying so.
 * Only the worker's own images reach the native encoder, never an upload.
 */
public final class ResultEncoder {
    static {
        ImageDecoder.registerPlugins(); // the WebP writer must be registered under Quarkus' class loader too
    }

    private ResultEncoder() {}

    /** An encoded result: bytes, the object-key extension and the content type. */
    public record Encoded(byte[] bytes, String extension, String contentType) {}

    /** JPEG quality (1..100) when the job does not set one: visually lossless for photographs. */
    public static final int DEFAULT_JPEG_QUALITY = 92;
    /** WebP quality (1..100) when the job does not set one (libwebp's cwebp uses 75; photographs want more). */
    public static final int DEFAULT_WEBP_QUALITY = 90;

    /** The extension a format's result object gets; fails for a format this worker cannot write. */
    public static String extension(String outputFormat) {
        return switch (outputFormat == null ? "png" : outputFormat) {
            case "png" -> "png";
            case "jpeg" -> "jpg";
            case "webp" -> "webp";
            default -> throw new JobFailure(ErrorCode.UNSUPPORTED_OUTPUT_FORMAT, "outputFormat '" + outputFormat
                    + "' is not supported by this worker; allowed: png, jpeg, webp");
        };
    }

    public static Encoded encode(BufferedImage image, String outputFormat, Integer quality) {
        return encode(image, outputFormat, quality, null);
    }

    /**
     * As above, PNG through {@code png} ({@code stylefleet.infer.png-encoder=fast}), or through ImageIO's
     * writer (its adaptive per-row filter choice and deflate level) when {@code png} is null.
     */
    public static Encoded encode(BufferedImage image, String outputFormat, Integer quality, PngEncoder png) {
        String extension = extension(outputFormat);
        try {
            return switch (extension) {
                case "png" -> {
                    if (png != null) {
                        yield new Encoded(png.encode(image), extension, "image/png");
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    if (!ImageIO.write(image, "png", out)) {
                        throw new IllegalStateException("no PNG writer available");
                    }
                    yield new Encoded(out.toByteArray(), extension, "image/png");
                }
                case "jpg" -> new Encoded(lossy(writer("jpeg", "com.sun."), opaque(image),
                        quality == null ? DEFAULT_JPEG_QUALITY : quality, null), extension, "image/jpeg");
                default -> new Encoded(webp(image, quality == null ? DEFAULT_WEBP_QUALITY : quality), extension,
                        "image/webp");
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] webp(BufferedImage image, int quality) throws IOException {
        ImageWriter writer;
        try {
            writer = writer("webp", "com.luciad.");
        } catch (IllegalStateException e) {
            throw unsupportedWebp(e);
        }
        try {
            return lossy(writer, image, quality, "Lossy");
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw unsupportedWebp(e);
        }
    }

    private static JobFailure unsupportedWebp(Throwable cause) {
        return new JobFailure(ErrorCode.UNSUPPORTED_OUTPUT_FORMAT, "outputFormat 'webp': the WebP encoder is not "
                + "available on this worker (" + cause + "); allowed here: png, jpeg", cause);
    }

    /** A writer for the format, preferring classes whose name starts with {@code prefer}. */
    private static ImageWriter writer(String format, String prefer) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
        ImageWriter any = null;
        while (it.hasNext()) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith(prefer)) {
                return w;
            }
            any = any == null ? w : any;
        }
        if (any == null) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return any;
    }

    private static byte[] lossy(ImageWriter writer, BufferedImage image, int quality, String compressionType)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            if (compressionType != null) {
                param.setCompressionType(compressionType);
            }
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** JPEG has no alpha: an ARGB image would be written as CMYK-like 4-channel data by some writers. */
    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        int w = image.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            rgb.setRGB(0, y, w, 1, row, 0, w);
        }
        return rgb;
    }
}
