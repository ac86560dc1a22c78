package dev.stylefleet.platform.imaging;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The image formats stylefleet knows, recognised by their magic bytes, never by a file name or a
 * content type a client chose: a ZIP archive named {@code photo.jpg} is none of them. The gateway
 * accepts PNG, JPEG and WebP uploads; the inference worker also decodes GIF and BMP.
 */
public enum ImageType {
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpeg"),
    WEBP("image/webp", "webp"),
    GIF("image/gif", "gif"),
    BMP("image/bmp", "bmp");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** File header (14 bytes) and the DIB header's size and width (12): less is not a bitmap. */
    private static final int BMP_MIN_BYTES = 26;

    private final String contentType;
    private final String imageIoName;

    ImageType(String contentType, String imageIoName) {
        this.contentType = contentType;
        this.imageIoName = imageIoName;
    }

    public String contentType() {
        return contentType;
    }

    /** The ImageIO format name whose readers decode this type. */
    public String imageIoName() {
        return imageIoName;
    }

    /** The type announced by the first bytes, or empty when they are none of these. */
    public static Optional<ImageType> sniff(byte[] bytes) {
        if (startsWith(bytes, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        // SOI followed by the first marker's 0xFF: every JPEG (JFIF, Exif, raw) starts so.
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8
                && (bytes[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
            return Optional.of(WEBP);
        }
        if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) {
            return Optional.of(GIF);
        }
        if (startsWith(bytes, 0, ascii("BM")) && bytes.length >= BMP_MIN_BYTES) {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /**
     * For a refusal message: the first bytes in hex, and what they are when it is a common mistake,
     * e.g. {@code 50 4B 03 04 14 00 00 00 (a ZIP archive)}.
     */
    public static String describeStart(byte[] bytes) {
        String head = HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes, 0, Math.min(8, bytes.length));
        String known = startsWith(bytes, 0, new byte[] {'P', 'K', 3, 4}) ? " (a ZIP archive)"
                : startsWith(bytes, 0, ascii("%PDF")) ? " (a PDF document)" : "";
        return head + known;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
