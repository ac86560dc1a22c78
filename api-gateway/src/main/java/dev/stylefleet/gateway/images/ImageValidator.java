package dev.stylefleet.gateway.images;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.platform.imaging.ImageHeader;
import dev.stylefleet.platform.imaging.ImageType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decides whether uploaded bytes are an image the service will take, cheapest check first: size in
 * bytes, magic bytes ({@link ImageType#sniff}), header dimensions ({@link ImageHeader}, the reader the
 * inference worker uses too) against the limits (without decoding), and only then a check
 * of the whole file to catch truncated or corrupt ones: for PNG a structural check that inflates the
 * pixel data without decoding it ({@link PngIntegrity}, a fraction of a decode's time on the submit
 * path), for JPEG a decode. WebP is header-checked only: the JDK has no WebP decoder.
 * Every refusal is an {@link ApiException} on the field {@code image}.
 */
@ApplicationScoped
public class ImageValidator {
    static final String FIELD = "image";
    /** What uploads may be; the worker also decodes GIF and BMP, but the API promises these three. */
    static final Set<ImageType> ACCEPTED = Set.of(ImageType.PNG, ImageType.JPEG, ImageType.WEBP);

    /**
     * The JPEG decode check reads every byte of the image but may subsample what it keeps: pixels are
     * skipped in both directions until the kept raster is at most this many, so validating a
     * 64-megapixel upload costs no more memory than a 4-megapixel one. Not a limit on the input.
     */
    static final long DECODE_CHECK_MAX_KEPT_PIXELS = 4_000_000L;

    private final GatewayConfig.Limits limits;

    @Inject
    public ImageValidator(GatewayConfig config) {
        this(config.limits());
    }

    ImageValidator(GatewayConfig.Limits limits) {
        this.limits = limits;
    }

    /** Checks a size in bytes before the bytes are even read. */
    public void checkSize(long bytes) {
        if (bytes == 0) {
            throw new ApiException(ErrorCode.INVALID_IMAGE, FIELD, "image: the uploaded file is empty; send a PNG, JPEG or WebP image");
        }
        long max = limits.maxUploadBytes();
        if (bytes > max) {
            throw new ApiException(ErrorCode.IMAGE_TOO_LARGE, FIELD, "image: the file is " + bytes
                    + " bytes; at most " + max + " bytes are allowed");
        }
    }

    /** The header of a valid, fully decodable image within the limits. */
    public ImageHeader validate(byte[] bytes) {
        ImageHeader header = validateHeader(bytes, bytes.length);
        ImageType type = header.type();
        if (type == ImageType.PNG) {
            try {
                PngIntegrity.verify(bytes);
            } catch (PngIntegrity.CorruptException e) {
                throw new ApiException(ErrorCode.INVALID_IMAGE, FIELD, "image: the PNG file is truncated or corrupt: "
                        + e.getMessage());
            }
        } else if (type == ImageType.JPEG) {
            decodeJpeg(header, bytes);
        }
        return header;
    }

    /**
     * The checks that need only the start of a file and its size: size in bytes, magic bytes, header
     * dimensions against the limits. {@code head} is the file's first bytes (all of it, or enough to
     * hold the header); {@code size} the whole file's size. Refuses an unreadable header as INVALID_IMAGE,
     * which for a head shorter than the file may mean that the header lies beyond it.
     */
    public ImageHeader validateHeader(byte[] head, long size) {
        checkSize(size);
        ImageType type = ImageType.sniff(head).filter(ACCEPTED::contains).orElseThrow(() -> new ApiException(
                ErrorCode.UNSUPPORTED_IMAGE_TYPE, FIELD,
                "image: the file is not a PNG, JPEG or WebP image (judged by its content, not its name); allowed: PNG, JPEG, WebP"));
        ImageHeader header;
        try {
            header = ImageHeader.read(type, head);
        } catch (ImageHeader.MalformedException e) {
            throw new ApiException(ErrorCode.INVALID_IMAGE, FIELD, "image: unreadable " + type + " header: " + e.getMessage());
        }
        checkDimensions(header);
        return header;
    }

    private void checkDimensions(ImageHeader h) {
        int maxSide = limits.maxSide();
        long maxPixels = limits.maxPixels();
        if (h.width() > maxSide || h.height() > maxSide) {
            throw new ApiException(ErrorCode.IMAGE_TOO_LARGE, FIELD, "image: " + h.width() + " x " + h.height()
                    + " pixels; each side may be at most " + maxSide + " pixels");
        }
        if (h.pixels() > maxPixels) {
            throw new ApiException(ErrorCode.IMAGE_TOO_LARGE, FIELD, "image: " + h.width() + " x " + h.height()
                    + " = " + h.pixels() + " pixels; at most " + maxPixels + " pixels are allowed");
        }
    }

    private static void decodeJpeg(ImageHeader header, byte[] bytes) {
        String format = "jpeg";
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("the JDK has no " + format + " ImageIO reader");
        }
        ImageReader reader = readers.next();
        // The JPEG reader reports a truncated file as a warning ("Premature end of JPEG file") and
        // returns grey pixels; for an upload that is a corrupt image, so warnings count as errors.
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (int) Math.ceil(Math.sqrt((double) header.pixels() / DECODE_CHECK_MAX_KEPT_PIXELS));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw new ApiException(ErrorCode.INVALID_IMAGE, FIELD, "image: the " + header.type()
                    + " file is truncated or corrupt: " + e.getMessage());
        } finally {
            reader.dispose();
        }
        if (!warnings.isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_IMAGE, FIELD, "image: the " + header.type()
                    + " file is truncated or corrupt: " + String.join("; ", warnings));
        }
    }
}
