package dev.stylefleet.platform.imaging;

import java.nio.charset.StandardCharsets;

/**
 * Width and height of an image read from its header alone, without decoding any pixel data, so that a
 * tiny file claiming to be 100000 x 100000 is refused before anything allocates memory for it.
 *
 * <ul>
 *   <li>PNG: the IHDR chunk, which the specification requires to come first (big-endian u32 each).</li>
 *   <li>JPEG: the first SOFn segment (SOF0..SOF15 except DHT C4, JPG C8 and DAC CC), walking the
 *       marker segments from SOI; height then width as big-endian u16.</li>
 *   <li>WebP: RIFF container, first chunk VP8 (lossy key frame: 14-bit dimensions after the start code
 *       9D 01 2A), VP8L (lossless: signature 0x2F then 14-bit width-1 and height-1, bit-packed LSB
 *       first) or VP8X (extended: 24-bit little-endian canvas width-1 and height-1).</li>
 *   <li>GIF: the first image descriptor (after the logical screen, its colour table and any
 *       extension blocks), the size of the frame a decoder returns; little-endian u16 each.</li>
 *   <li>BMP: the DIB header, little-endian: u16 width and height in the old 12-byte core header,
 *       signed 32-bit in every later one (a negative height means rows stored top-down).</li>
 * </ul>
 *
 * <p>Used by the gateway (refuse before storing) and the inference worker (refuse before decoding),
 * so both judge the same bytes the same way.
 *
 * @param type   the format, from the magic bytes
 * @param width  pixels, at least 1
 * @param height pixels, at least 1
 */
public record ImageHeader(ImageType type, int width, int height) {

    /** The header cannot be read: truncated, malformed, or a variant we do not support. */
    public static final class MalformedException extends Exception {
        public MalformedException(String message) {
            super(message);
        }
    }

    public long pixels() {
        return (long) width * height;
    }

    /** Reads the header of an image whose type is already known from {@link ImageType#sniff}. */
    public static ImageHeader read(ImageType type, byte[] bytes) throws MalformedException {
        return switch (type) {
            case PNG -> png(bytes);
            case JPEG -> jpeg(bytes);
            case WEBP -> webp(bytes);
            case GIF -> gif(bytes);
            case BMP -> bmp(bytes);
        };
    }

    private static ImageHeader png(byte[] b) throws MalformedException {
        // signature(8) | length(4) = 13 | "IHDR" | width(4) | height(4) | depth, colour, ...
        need(b, 8 + 8 + 8, "PNG ends before its IHDR chunk");
        if (u32be(b, 8) != 13 || !"IHDR".equals(ascii(b, 12, 4))) {
            throw new MalformedException("PNG does not start with a 13-byte IHDR chunk");
        }
        long width = u32be(b, 16);
        long height = u32be(b, 20);
        return checked(ImageType.PNG, width, height);
    }

    private static ImageHeader jpeg(byte[] b) throws MalformedException {
        int i = 2; // after SOI
        while (true) {
            need(b, i + 2, "JPEG ends before its frame header (SOF)");
            if ((b[i] & 0xFF) != 0xFF) {
                throw new MalformedException("JPEG marker expected at byte " + i);
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                i++;
                continue;
            }
            i += 2;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // TEM and RSTn carry no length
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw new MalformedException("JPEG has no frame header (SOF) before its scan data");
            }
            need(b, i + 2, "JPEG ends inside a segment length");
            int length = u16be(b, i);
            if (length < 2) {
                throw new MalformedException("JPEG segment at byte " + i + " has length " + length);
            }
            if (isStartOfFrame(marker)) {
                // length(2) | precision(1) | height(2) | width(2) | components(1)
                need(b, i + 7, "JPEG ends inside its frame header (SOF)");
                int height = u16be(b, i + 3);
                int width = u16be(b, i + 5);
                if (height == 0) {
                    // Height defined later by a DNL segment: legal, but rare enough to refuse.
                    throw new MalformedException("JPEG frame header has height 0 (DNL), which is not supported");
                }
                return checked(ImageType.JPEG, width, height);
            }
            i += length;
        }
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static ImageHeader webp(byte[] b) throws MalformedException {
        // "RIFF" | size(4) | "WEBP" | chunk fourcc(4) | chunk size(4) | chunk payload
        need(b, 20, "WebP ends before its first chunk");
        String chunk = ascii(b, 12, 4);
        int p = 20;
        switch (chunk) {
            case "VP8 " -> {
                // frame tag(3) | start code 9D 01 2A | width(2) | height(2), low 14 bits each
                need(b, p + 10, "WebP VP8 chunk ends before its frame header");
                if ((b[p] & 0x01) != 0) {
                    throw new MalformedException("WebP VP8 chunk does not start with a key frame");
                }
                if ((b[p + 3] & 0xFF) != 0x9D || (b[p + 4] & 0xFF) != 0x01 || (b[p + 5] & 0xFF) != 0x2A) {
                    throw new MalformedException("WebP VP8 chunk lacks the start code 9D 01 2A");
                }
                int width = u16le(b, p + 6) & 0x3FFF;
                int height = u16le(b, p + 8) & 0x3FFF;
                return checked(ImageType.WEBP, width, height);
            }
            case "VP8L" -> {
                // signature 0x2F | 14 bits width-1 | 14 bits height-1 | ... (LSB first)
                need(b, p + 5, "WebP VP8L chunk ends before its header");
                if ((b[p] & 0xFF) != 0x2F) {
                    throw new MalformedException("WebP VP8L chunk lacks the signature 0x2F");
                }
                long bits = u32le(b, p + 1);
                long width = (bits & 0x3FFF) + 1;
                long height = ((bits >>> 14) & 0x3FFF) + 1;
                return checked(ImageType.WEBP, width, height);
            }
            case "VP8X" -> {
                // flags(1) | reserved(3) | canvas width-1 (u24 LE) | canvas height-1 (u24 LE)
                need(b, p + 10, "WebP VP8X chunk ends before its canvas size");
                long width = u24le(b, p + 4) + 1;
                long height = u24le(b, p + 7) + 1;
                return checked(ImageType.WEBP, width, height);
            }
            default -> throw new MalformedException("WebP first chunk is '" + printable(chunk)
                    + "', expected VP8, VP8L or VP8X");
        }
    }

    private static ImageHeader gif(byte[] b) throws MalformedException {
        // "GIF8?a" | screen width(2) | screen height(2) | flags(1) | background(1) | aspect(1)
        need(b, 13, "GIF ends inside its logical screen descriptor");
        int p = 13;
        int flags = b[10] & 0xFF;
        if ((flags & 0x80) != 0) {
            p += 3 * (1 << ((flags & 0x07) + 1)); // global colour table
        }
        while (true) {
            need(b, p + 1, "GIF ends before its first image descriptor");
            int block = b[p] & 0xFF;
            if (block == 0x2C) {
                // separator | left(2) | top(2) | width(2) | height(2) | flags(1)
                need(b, p + 9, "GIF ends inside its image descriptor");
                return checked(ImageType.GIF, u16le(b, p + 5), u16le(b, p + 7));
            }
            if (block == 0x21) {
                // extension: introducer | label | data sub-blocks, each length-prefixed, 0-terminated
                p += 2;
                while (true) {
                    need(b, p + 1, "GIF ends inside an extension block");
                    int size = b[p] & 0xFF;
                    p += 1 + size;
                    if (size == 0) {
                        break;
                    }
                }
                continue;
            }
            if (block == 0x3B) {
                throw new MalformedException("GIF has no image (trailer before any image descriptor)");
            }
            throw new MalformedException("GIF block 0x" + Integer.toHexString(block) + " at byte " + p
                    + " is neither an image descriptor nor an extension");
        }
    }

    private static ImageHeader bmp(byte[] b) throws MalformedException {
        // "BM" | file size(4) | reserved(4) | pixel offset(4) | DIB header size(4) | width | height ...
        need(b, 18, "BMP ends before its DIB header");
        long dib = u32le(b, 14);
        if (dib == 12) {
            need(b, 22, "BMP ends inside its core header");
            return checked(ImageType.BMP, u16le(b, 18), u16le(b, 20));
        }
        if (dib < 40) {
            throw new MalformedException("BMP DIB header of " + dib + " bytes is not a known variant");
        }
        need(b, 26, "BMP ends inside its DIB header");
        int width = (int) u32le(b, 18);
        int height = (int) u32le(b, 22);
        return checked(ImageType.BMP, width, height == Integer.MIN_VALUE ? 0 : Math.abs((long) height));
    }

    private static ImageHeader checked(ImageType type, long width, long height) throws MalformedException {
        if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new MalformedException(type + " header declares an impossible size " + width + " x " + height);
        }
        return new ImageHeader(type, (int) width, (int) height);
    }

    private static void need(byte[] b, int length, String what) throws MalformedException {
        if (b.length < length) {
            throw new MalformedException(what + " (truncated at " + b.length + " bytes)");
        }
    }

    private static long u32be(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    private static int u16be(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static int u16le(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
    }

    private static long u24le(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8) | ((long) (b[i + 2] & 0xFF) << 16);
    }

    private static long u32le(byte[] b, int i) {
        return u24le(b, i) | ((long) (b[i + 3] & 0xFF) << 24);
    }

    private static String ascii(byte[] b, int i, int n) {
        return new String(b, i, n, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
