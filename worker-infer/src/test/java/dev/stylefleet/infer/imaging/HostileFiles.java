package dev.stylefleet.infer.imaging;

import dev.stylefleet.platform.imaging.PngVariant;
import dev.stylefleet.platform.imaging.PngWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Byte-level damage for the hostile-input set: PNG chunks rewritten, dropped, split or given bad CRCs,
 * headers declaring other sizes, zlib streams that inflate to far more than the image needs.
 */
final class HostileFiles {
    private HostileFiles() {}

    /** A plain 16 x 12 8-bit RGB PNG from the test writer, the base the PNG damage starts from. */
    static final PngVariant BASE = new PngVariant(2, 8, false, false, 16, 12);

    /** A chunk of a PNG: where it starts (its length field) and its type. */
    record Chunk(int at, int length, String type) {
        int end() {
            return at + 12 + length;
        }
    }

    static List<Chunk> chunks(byte[] png) {
        List<Chunk> out = new ArrayList<>();
        int pos = 8;
        while (pos + 12 <= png.length) {
            int len = ByteBuffer.wrap(png, pos, 4).getInt();
            out.add(new Chunk(pos, len, new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1)));
            pos += 12 + len;
        }
        return out;
    }

    static Chunk first(byte[] png, String type) {
        return chunks(png).stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
    }

    /** The PNG with the CRC of the first chunk of {@code type} inverted. */
    static byte[] badCrc(byte[] png, String type) {
        byte[] b = png.clone();
        Chunk c = first(b, type);
        b[c.end() - 1] ^= (byte) 0xff;
        return b;
    }

    /** The PNG without its chunks of {@code type}. */
    static byte[] without(byte[] png, String type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 8);
        for (Chunk c : chunks(png)) {
            if (!c.type().equals(type)) {
                out.write(png, c.at(), 12 + c.length());
            }
        }
        return out.toByteArray();
    }

    /** The PNG with {@code chunk} (whole, from {@link PngWriter#chunk}) inserted before the first chunk of {@code type}. */
    static byte[] insertBefore(byte[] png, String type, byte[] chunk) {
        int at = first(png, type).at();
        return ImageFiles.concat(List.of(Arrays.copyOf(png, at), chunk, Arrays.copyOfRange(png, at, png.length)));
    }

    /** The PNG with its IDAT data split into chunks of {@code size} bytes (zero-length ones between, with {@code empties}). */
    static byte[] splitIdat(byte[] png, int size, boolean empties) {
        Chunk idat = first(png, "IDAT");
        byte[] data = Arrays.copyOfRange(png, idat.at() + 8, idat.at() + 8 + idat.length());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, idat.at());
        for (int i = 0; i < data.length; i += size) {
            out.writeBytes(PngWriter.chunk("IDAT", Arrays.copyOfRange(data, i, Math.min(data.length, i + size))));
            if (empties) {
                out.writeBytes(PngWriter.chunk("IDAT", new byte[0]));
            }
        }
        out.write(png, idat.end(), png.length - idat.end());
        return out.toByteArray();
    }

    /** The PNG with its IHDR data replaced (CRC recomputed): width, height, depth, colour type, methods. */
    static byte[] ihdr(byte[] png, int width, int height, int depth, int colourType, int compression, int filter,
            int interlace) {
        ByteBuffer d = ByteBuffer.allocate(13).order(ByteOrder.BIG_ENDIAN);
        d.putInt(width).putInt(height).put((byte) depth).put((byte) colourType).put((byte) compression)
                .put((byte) filter).put((byte) interlace);
        Chunk c = first(png, "IHDR");
        return ImageFiles.concat(List.of(Arrays.copyOf(png, c.at()), PngWriter.chunk("IHDR", d.array()),
                Arrays.copyOfRange(png, c.end(), png.length)));
    }

    /** A PNG with the given IHDR fields whose IDAT is {@code raw} deflated (the scanlines, filter bytes included). */
    static byte[] pngWithRaw(int width, int height, int depth, int colourType, byte[] plte, byte[] raw) {
        ByteBuffer d = ByteBuffer.allocate(13).order(ByteOrder.BIG_ENDIAN);
        d.putInt(width).putInt(height).put((byte) depth).put((byte) colourType).put((byte) 0).put((byte) 0)
                .put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.writeBytes(PngWriter.chunk("IHDR", d.array()));
        if (plte != null) {
            out.writeBytes(PngWriter.chunk("PLTE", plte));
        }
        out.writeBytes(PngWriter.chunk("IDAT", PngWriter.deflate(raw)));
        out.writeBytes(PngWriter.chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** {@code rows} scanlines of {@code rowBytes} zero bytes, each with filter byte {@code filter}. */
    static byte[] zeroRows(int rows, int rowBytes, int filter) {
        byte[] raw = new byte[rows * (rowBytes + 1)];
        for (int r = 0; r < rows; r++) {
            raw[r * (rowBytes + 1)] = (byte) filter;
        }
        return raw;
    }

    /** A RIFF WebP holding only a VP8X chunk that declares a {@code w x h} canvas. */
    static byte[] webpVp8x(int w, int h) {
        byte[] vp8x = new byte[10];
        vp8x[4] = (byte) (w - 1);
        vp8x[5] = (byte) ((w - 1) >> 8);
        vp8x[6] = (byte) ((w - 1) >> 16);
        vp8x[7] = (byte) (h - 1);
        vp8x[8] = (byte) ((h - 1) >> 8);
        vp8x[9] = (byte) ((h - 1) >> 16);
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + vp8x.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + vp8x.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put("VP8X".getBytes(StandardCharsets.US_ASCII))
                .putInt(vp8x.length).put(vp8x);
        return b.array();
    }

    /** The file with its little-endian u32 at {@code at} replaced. */
    static byte[] le32At(byte[] file, int at, int value) {
        byte[] b = file.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return b;
    }

    /** The JPEG cut just before its first marker {@code marker} (e.g. 0xDA, start of scan). */
    static byte[] jpegCutBefore(byte[] jpeg, int marker) {
        for (int p = 2; p + 3 < jpeg.length; ) {
            int m = jpeg[p + 1] & 0xff;
            if (m == marker) {
                return Arrays.copyOf(jpeg, p);
            }
            p += 2 + ((jpeg[p + 2] & 0xff) << 8 | (jpeg[p + 3] & 0xff));
        }
        throw new IllegalStateException("no marker " + Integer.toHexString(marker));
    }

    /** The JPEG with the data of its first segment {@code marker} zeroed (its length kept). */
    static byte[] jpegZeroSegment(byte[] jpeg, int marker) {
        byte[] b = jpeg.clone();
        for (int p = 2; p + 3 < b.length; ) {
            int m = b[p + 1] & 0xff;
            int len = (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
            if (m == marker) {
                Arrays.fill(b, p + 4, p + 2 + len, (byte) 0);
                return b;
            }
            p += 2 + len;
        }
        throw new IllegalStateException("no marker " + Integer.toHexString(marker));
    }
}
