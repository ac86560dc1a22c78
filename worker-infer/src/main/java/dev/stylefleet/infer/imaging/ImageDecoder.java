package dev.stylefleet.infer.imaging;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;

import dev.stylefleet.platform.imaging.ExifOrientation;
import dev.stylefleet.platform.imaging.ImageHeader;
import dev.stylefleet.platform.imaging.ImageType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an uploaded image: PNG (8 and 16 bit, grey, palette, alpha), JPEG (baseline, progressive,
 * CMYK/YCCK through TwelveMonkeys), WebP (lossy, lossless, alpha; TwelveMonkeys' pure-Java reader),
 * GIF and BMP; then turns it upright by its EXIF orientation.
 *
 * <p>Hostile input is the normal case here, so the order is: size in bytes, magic bytes
 * ({@link ImageType#sniff}), the header's width and height ({@link ImageHeader}, the reader the gateway
 * uses too) against {@link ImageLimits} before any decoder runs or a single pixel is allocated,
 * animation refused, then the decode. Only pure-Java decoders read uploads: a bug in one
 * is an exception, which fails the job INVALID_IMAGE, where a bug in a native decoder could take the
 * whole worker down. Decoders that merely warn about truncated or corrupt data are treated as failed:
 * a half-grey picture is not what the user sent.
 */
public final class ImageDecoder {
    static {
        // Register the TwelveMonkeys readers found on this class's loader (Quarkus' application class
        // loader is not the one ImageIO scans at start-up).
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        try {
            t.setContextClassLoader(ImageDecoder.class.getClassLoader());
            ImageIO.scanForPlugins();
        } finally {
            t.setContextClassLoader(previous);
        }
        ImageIO.setUseCache(false); // decode from memory, never through temp files
    }

    private ImageDecoder() {}

    /** What the refusal message lists as accepted. */
    public static final String ACCEPTED = "PNG, JPEG, WebP, GIF or BMP";

    /** Makes sure the ImageIO plugins are registered (runs the static initialiser; a class literal would not). */
    public static void registerPlugins() {
        // The work is done once, in the static initialiser above.
    }

    /** Width and height in pixels. */
    public record Size(int width, int height) {
        public long pixels() {
            return (long) width * height;
        }
    }

    /**
     * What the header says.
     *
     * @param width       stored width (before orientation)
     * @param height      stored height
     * @param orientation EXIF orientation 1..8
     */
    public record Header(ImageType format, int width, int height, int orientation) {
        /** Size as shown, after the EXIF orientation is applied. */
        public Size upright() {
            return ExifOrientation.swapsAxes(orientation) ? new Size(height, width) : new Size(width, height);
        }
    }

    /** Format, size and orientation, with every limit checked; nothing is decoded. */
    public static Header probe(byte[] bytes, ImageLimits limits) {
        limits.checkBytes(bytes.length);
        ImageType format = sniff(bytes);
        ImageHeader header;
        try {
            header = ImageHeader.read(format, bytes);
        } catch (ImageHeader.MalformedException e) {
            throw invalid("has an unreadable " + format + " header: " + e.getMessage(), null);
        }
        Size size = new Size(header.width(), header.height());
        limits.checkPixels(size.width(), size.height());
        if (format == ImageType.WEBP && WebpContainer.isAnimated(bytes)) {
            throw invalid("is an animated WebP; send a single frame (PNG, JPEG or still WebP)", null);
        }
        String incomplete = format == ImageType.WEBP ? WebpContainer.incomplete(bytes) : null;
        if (incomplete != null) {
            throw invalid("is not a complete WebP: " + incomplete, null);
        }
        if (format == ImageType.GIF && withReader(bytes, format, r -> r.getNumImages(true)) > 1) {
            throw invalid("is an animated GIF; send a single frame", null);
        }
        return new Header(format, size.width(), size.height(), ExifOrientation.of(bytes, format));
    }

    /** The type the bytes start with; {@link ErrorCode#INVALID_IMAGE} naming the first bytes otherwise. */
    private static ImageType sniff(byte[] bytes) {
        if (bytes.length == 0) {
            throw new JobFailure(ErrorCode.INVALID_IMAGE, "input image: the object is empty (0 bytes); expected "
                    + ACCEPTED);
        }
        return ImageType.sniff(bytes).orElseThrow(() -> new JobFailure(ErrorCode.INVALID_IMAGE,
                "input image: not a recognised image format; it starts with " + ImageType.describeStart(bytes)
                        + ", expected " + ACCEPTED));
    }

    /** The decoded image, upright; call {@link #probe} first (it enforces the limits). */
    public static BufferedImage decode(byte[] bytes, Header header) {
        return decode(bytes, header, 1);
    }

    /**
     * The decoded image, upright, read at a reduced size when the caller will shrink it to at most
     * {@code targetWidth x targetHeight} (upright) anyway: every s-th pixel of every s-th row, with s the
     * largest factor that keeps the image at least twice the target in both directions, so the
     * area-averaging shrink that follows still has at least 2 x 2 pixels to average for each output pixel.
     * The decoder still reads every row, but the raster it fills is s² times smaller (issue 15: a
     * 16384 x 3906 16-bit PNG with maxSide held its 384 MB raster plus full-size copies).
     */
    public static BufferedImage decode(byte[] bytes, Header header, int targetWidth, int targetHeight) {
        Size upright = header.upright();
        int s = Math.max(1, Math.min(upright.width() / (2 * targetWidth), upright.height() / (2 * targetHeight)));
        return decode(bytes, header, s);
    }

    /** The source subsampling factor {@link #decode(byte[], Header, int, int)} reads at (1: full size). */
    public static int subsampling(Header header, int targetWidth, int targetHeight) {
        Size upright = header.upright();
        return Math.max(1, Math.min(upright.width() / (2 * targetWidth), upright.height() / (2 * targetHeight)));
    }

    private static BufferedImage decode(byte[] bytes, Header header, int s) {
        BufferedImage image = withReader(bytes, header.format(), r -> {
            ImageReadParam param = r.getDefaultReadParam();
            if (s > 1) {
                param.setSourceSubsampling(s, s, 0, 0);
            }
            return r.read(0, param);
        });
        int w = (header.width() + s - 1) / s;
        int h = (header.height() + s - 1) / s;
        boolean full = image.getWidth() == header.width() && image.getHeight() == header.height();
        // A reader that ignores subsampling returns the full size: correct, only larger.
        if (!(image.getWidth() == w && image.getHeight() == h) && !full) {
            throw invalid("decoded to " + image.getWidth() + "x" + image.getHeight() + " but its header says "
                    + header.width() + "x" + header.height() + (s > 1 ? " (read at 1/" + s + ")" : ""), null);
        }
        if (header.format() == ImageType.PNG) {
            OptionalInt key = PngGreyKey.keyLevel(bytes);
            if (key.isPresent()) {
                image = PngGreyKey.apply(image, key.getAsInt());
            }
        }
        return ExifOrientation.apply(image, header.orientation());
    }

    /** The image's size from its header, default limits; {@link ErrorCode#INVALID_IMAGE} if unreadable. */
    public static Size size(byte[] bytes) {
        return probe(bytes, ImageLimits.defaults()).upright();
    }

    /** Probe with default limits, then decode. */
    public static BufferedImage decode(byte[] bytes) {
        return decode(bytes, probe(bytes, ImageLimits.defaults()));
    }

    private interface ReaderCall<T> {
        T apply(ImageReader reader) throws IOException;
    }

    private static <T> T withReader(byte[] bytes, ImageType format, ReaderCall<T> call) {
        ImageReader reader = reader(format);
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, false, true);
            reader.addIIOReadWarningListener(new IIOReadWarningListener() {
                @Override
                public void warningOccurred(ImageReader source, String warning) {
                    warnings.add(warning);
                }
            });
            T result = call.apply(reader);
            if (result == null) {
                throw invalid("could not be decoded as " + format + " (the decoder returned nothing)", null);
            }
            for (String w : warnings) {
                String lower = w.toLowerCase(Locale.ROOT);
                if (lower.contains("premature") || lower.contains("truncat") || lower.contains("corrupt")
                        || lower.contains("unexpected end")) {
                    throw invalid("is damaged (" + format + " decoder: " + w + ")", null);
                }
            }
            return result;
        } catch (JobFailure e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // ImageIO reports corrupt data as IIOException, and sometimes as unchecked exceptions
            // (index out of bounds, negative array sizes...) from deep inside a decoder.
            throw invalid("could not be decoded as " + format + ": " + e, e);
        } finally {
            reader.dispose();
        }
    }

    /** A pure-Java reader for the format; TwelveMonkeys' where it has one (CMYK JPEG, WebP). */
    private static ImageReader reader(ImageType format) {
        ImageReader fallback = null;
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            String name = r.getClass().getName();
            if (name.startsWith("com.luciad.")) {
                continue; // webp-imageio's native reader: writing only, never on untrusted input
            }
            if (name.startsWith("com.twelvemonkeys.")) {
                return r;
            }
            if (fallback == null) {
                fallback = r;
            }
        }
        if (fallback == null) {
            throw new IllegalStateException("no pure-Java ImageIO reader for " + format + " on the class path");
        }
        return fallback;
    }

    private static JobFailure invalid(String why, Throwable cause) {
        return new JobFailure(ErrorCode.INVALID_IMAGE, "input image " + why, cause);
    }
}
