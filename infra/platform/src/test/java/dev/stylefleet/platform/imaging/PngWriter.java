package dev.stylefleet.platform.imaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A minimal PNG encoder for tests: raw samples in, every colour type and bit depth the specification
 * defines, optional tRNS, optional Adam7 interlacing, each row with a different filter type.
 *
 * <p>Hand-written on purpose: ImageIO's PNG writer cannot write most of these files (no 1/2/4-bit grey,
 * no tRNS for grey or RGB, no interlacing), and a test-only encoder written from the specification
 * (W3C PNG, sections 7-12) is itself an independent source of truth for the decoders under test. The
 * zlib stream comes from {@link Deflater}, chunk CRCs from {@link CRC32}.
 */
public final class PngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Adam7 passes: x start, y start, x step, y step (specification section 8.2). */
    static final int[][] ADAM7 = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4},
        {1, 0, 2, 2}, {0, 1, 1, 2}};

    /** Samples of one pixel: {@code sample(x, y, channel)}, each in [0, 2^depth). */
    public interface Samples {
        int sample(int x, int y, int channel);
    }

    private PngWriter() {}

    /** Channels per pixel of a colour type (the palette index counts as one). */
    public static int channels(int colourType) {
        return switch (colourType) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> throw new IllegalArgumentException("colour type " + colourType);
        };
    }

    /**
     * The PNG file.
     *
     * @param plte  palette bytes (RGB triples) or null
     * @param trns  tRNS chunk data or null
     * @param extra chunks (type, data) written between IHDR and IDAT; may be empty
     */
    public static byte[] write(int width, int height, int colourType, int depth, boolean interlaced, Samples px,
            byte[] plte, byte[] trns, Object... extra) {
        // The rows are deflated as they are made, so a large image never exists uncompressed here.
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        int bitsPerPixel = channels(colourType) * depth;
        try (DeflaterOutputStream raw = new DeflaterOutputStream(idat, deflater, 64 * 1024)) {
            if (interlaced) {
                for (int[] p : ADAM7) {
                    int pw = width > p[0] ? (width - p[0] + p[2] - 1) / p[2] : 0;
                    int ph = height > p[1] ? (height - p[1] + p[3] - 1) / p[3] : 0;
                    if (pw == 0 || ph == 0) {
                        continue; // an empty pass has no rows at all, not even filter bytes
                    }
                    writeRows(raw, pw, ph, bitsPerPixel, depth, colourType,
                            (x, y, c) -> px.sample(p[0] + x * p[2], p[1] + y * p[3], c));
                }
            } else {
                writeRows(raw, width, height, bitsPerPixel, depth, colourType, px);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = (byte) depth;
        ihdr[9] = (byte) colourType;
        ihdr[12] = (byte) (interlaced ? 1 : 0);
        out.writeBytes(chunk("IHDR", ihdr));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            out.writeBytes(chunk((String) extra[i], (byte[]) extra[i + 1]));
        }
        if (plte != null) {
            out.writeBytes(chunk("PLTE", plte));
        }
        if (trns != null) {
            out.writeBytes(chunk("tRNS", trns));
        }
        out.writeBytes(chunk("IDAT", idat.toByteArray()));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** One chunk: length, type, data, CRC of type and data. */
    public static byte[] chunk(String type, byte[] data) {
        byte[] c = new byte[12 + data.length];
        putInt(c, 0, data.length);
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, c, 4, 4);
        System.arraycopy(data, 0, c, 8, data.length);
        CRC32 crc = new CRC32();
        crc.update(c, 4, 4 + data.length);
        putInt(c, 8 + data.length, (int) crc.getValue());
        return c;
    }

    public static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        try {
            d.setInput(raw);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static void writeRows(OutputStream raw, int w, int h, int bitsPerPixel, int depth,
            int colourType, Samples px) throws IOException {
        int rowBytes = (w * bitsPerPixel + 7) / 8;
        int bpp = Math.max(1, bitsPerPixel / 8); // the filter's "corresponding byte" distance
        int channels = channels(colourType);
        byte[] prev = new byte[rowBytes];
        for (int y = 0; y < h; y++) {
            byte[] line = new byte[rowBytes];
            int bit = 0;
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) {
                    int v = px.sample(x, y, c);
                    if (depth == 16) {
                        line[bit / 8] = (byte) (v >> 8);
                        line[bit / 8 + 1] = (byte) v;
                    } else if (depth == 8) {
                        line[bit / 8] = (byte) v;
                    } else {
                        // sub-byte samples are packed from the most significant bit (section 7.2)
                        line[bit / 8] |= (byte) (v << (8 - depth - bit % 8));
                    }
                    bit += depth;
                }
            }
            int filter = y % 5;
            raw.write(filter);
            raw.write(filtered(filter, line, prev, bpp));
            prev = line;
        }
    }

    /** Filter types 0-4 (section 9.2), applied to one row given the previous (unfiltered) one. */
    private static byte[] filtered(int type, byte[] line, byte[] prev, int bpp) {
        byte[] f = new byte[line.length];
        for (int i = 0; i < line.length; i++) {
            int x = line[i] & 0xff;
            int a = i >= bpp ? line[i - bpp] & 0xff : 0;
            int b = prev[i] & 0xff;
            int c = i >= bpp ? prev[i - bpp] & 0xff : 0;
            int predictor = switch (type) {
                case 0 -> 0;
                case 1 -> a;
                case 2 -> b;
                case 3 -> (a + b) / 2;
                default -> paeth(a, b, c);
            };
            f[i] = (byte) (x - predictor);
        }
        return f;
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
