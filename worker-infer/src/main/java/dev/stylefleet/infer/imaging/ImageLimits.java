package dev.stylefleet.infer.imaging;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;

/**
 * What an input may cost before it is decoded: checked against the object's size and the image
 * header, so a decompression bomb (a tiny file declaring 65535 x 65535 pixels) is refused without
 * allocating its pixels.
 *
 * @param maxInputBytes  largest encoded input ({@code stylefleet.infer.max-input-bytes})
 * @param maxInputPixels largest decoded width x height ({@code stylefleet.infer.max-input-pixels})
 */
public record ImageLimits(long maxInputBytes, long maxInputPixels) {
    /** 64 MiB: room for a 48-megapixel photograph (10-25 MB as JPEG) with margin. */
    public static final long DEFAULT_MAX_INPUT_BYTES = 64L << 20;
    /** 8192 x 8192 (67 megapixels): the decoded image alone is 256 MiB as packed ints. */
    public static final long DEFAULT_MAX_INPUT_PIXELS = 8192L * 8192L;

    public ImageLimits {
        if (maxInputBytes < 1) {
            throw new IllegalArgumentException("stylefleet.infer.max-input-bytes must be >= 1, was " + maxInputBytes);
        }
        if (maxInputPixels < 1) {
            throw new IllegalArgumentException("stylefleet.infer.max-input-pixels must be >= 1, was " + maxInputPixels);
        }
    }

    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_INPUT_PIXELS);
    }

    /** IMAGE_TOO_LARGE when an object of {@code bytes} bytes may not be read at all. */
    public void checkBytes(long bytes) {
        if (bytes > maxInputBytes) {
            throw new JobFailure(ErrorCode.IMAGE_TOO_LARGE, "input image: " + bytes + " bytes; at most "
                    + maxInputBytes + " allowed (stylefleet.infer.max-input-bytes)");
        }
    }

    /** IMAGE_TOO_LARGE when the header declares more pixels than allowed. */
    public void checkPixels(int width, int height) {
        long pixels = (long) width * height;
        if (pixels > maxInputPixels) {
            throw new JobFailure(ErrorCode.IMAGE_TOO_LARGE, "input image: " + width + "x" + height + " = " + pixels
                    + " pixels; at most " + maxInputPixels + " allowed (stylefleet.infer.max-input-pixels)");
        }
    }
}
