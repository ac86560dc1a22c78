package dev.stylefleet.infer.imaging;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The input formats the worker accepts, recognised by their magic bytes rather than by a name or a
 * content type a client chose: a ZIP archive named {@code photo.jpg} is refused before any decoder
 * sees it, and the decoder used is the one for what the bytes really are.
 */
public enum ImageFormat {
    PNG("png"),
    JPEG("jpeg"),
    WEBP("webp"),
    GIF("gif"),
    BMP("bmp");

    /** What the refusal message lists as accepted. */
    public static final String ACCEPTED = "PNG, JPEG, WebP, GIF or BMP";

    private final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    /** The ImageIO format name whose readers decode this format. */
    public String imageIoName() {
        return imageIoName;
    }

    /** The format the bytes start with; {@link ErrorCode#INVALID_IMAGE} naming the first bytes otherwise. */
    public static ImageFormat sniff(byte[] b) {
        if (b.length == 0) {
            throw new JobFailure(ErrorCode.INVALID_IMAGE, "input image: the object is empty (0 bytes); expected "
                    + ACCEPTED);
        }
        if (startsWith(b, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
            return PNG;
        }
        if (startsWith(b, 0, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return JPEG;
        }
        if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
            return WEBP;
        }
        if (startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a"))) {
            return GIF;
        }
        if (startsWith(b, 0, ascii("BM")) && b.length >= 26) {
            return BMP;
        }
        String head = HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b, 0, Math.min(8, b.length));
        String known = startsWith(b, 0, new byte[] {'P', 'K', 3, 4}) ? " (a ZIP archive)"
                : startsWith(b, 0, ascii("%PDF")) ? " (a PDF document)" : "";
        throw new JobFailure(ErrorCode.INVALID_IMAGE, "input image: not a recognised image format; it starts with "
                + head + known + ", expected " + ACCEPTED);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean startsWith(byte[] b, int offset, byte[] prefix) {
        if (b.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
