package dev.stylefleet.gateway.images;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Proves a PNG complete and intact without decoding it into pixels: every chunk present with a
 * matching CRC, a valid IHDR, a palette where the colour type needs one, the IDAT stream inflating
 * to exactly the bytes the header implies (Adam7 interlacing included), every scanline starting with a
 * known filter type (0-4), and IEND at the end. These are the ways a PNG decoder can fail on a file
 * whose header is fine, so a file that passes decodes; the check costs an inflate (no unfiltering, no
 * raster) and memory of one small buffer, whatever the image's size.
 */
final class PngIntegrity {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Inflate output is counted and scanned in pieces of this size, then dropped. */
    private static final int SCRATCH_BYTES = 64 * 1024;
    /** Adam7 passes: x start, y start, x step, y step. */
    private static final int[][] ADAM7 = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4},
        {1, 0, 2, 2}, {0, 1, 1, 2}};

    /** What is wrong with the file, in words for the client. */
    static final class CorruptException extends Exception {
        CorruptException(String message) {
            super(message);
        }
    }

    private PngIntegrity() {}

    static void verify(byte[] b) throws CorruptException {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (b.length <= i || b[i] != SIGNATURE[i]) {
                throw new CorruptException("no PNG signature");
            }
        }
        CRC32 crc = new CRC32();
        Inflater inflater = new Inflater();
        byte[] scratch = new byte[SCRATCH_BYTES];
        try {
            Scanlines lines = null;
            boolean palette = false;
            boolean idatSeen = false;
            boolean idatEnded = false;
            int pos = SIGNATURE.length;
            while (true) {
                if (pos + 12 > b.length) {
                    throw new CorruptException("truncated: the file ends inside a chunk, before IEND");
                }
                long length = readInt(b, pos) & 0xffffffffL;
                if (length > b.length - pos - 12L) {
                    throw new CorruptException("truncated: a chunk of " + length + " bytes at byte " + pos
                            + " runs past the end of the file");
                }
                String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
                int data = pos + 8;
                int len = (int) length;
                crc.reset();
                crc.update(b, pos + 4, 4 + len);
                if ((int) crc.getValue() != readInt(b, data + len)) {
                    throw new CorruptException("chunk " + type + " at byte " + pos + " fails its CRC check");
                }
                if (lines == null && !type.equals("IHDR")) {
                    throw new CorruptException("the first chunk is " + type + ", not IHDR");
                }
                switch (type) {
                    case "IHDR" -> {
                        if (lines != null) {
                            throw new CorruptException("a second IHDR chunk");
                        }
                        lines = Scanlines.of(b, data, len);
                    }
                    case "PLTE" -> palette = true;
                    case "IDAT" -> {
                        if (idatEnded) {
                            throw new CorruptException("IDAT chunks are not consecutive");
                        }
                        if (lines.colorType == 3 && !palette) {
                            throw new CorruptException("a palette image without a PLTE chunk before its pixels");
                        }
                        idatSeen = true;
                        inflater.setInput(b, data, len);
                        inflate(inflater, lines, scratch);
                    }
                    case "IEND" -> {
                        if (!idatSeen) {
                            throw new CorruptException("no IDAT chunk: the file holds no pixels");
                        }
                        if (!inflater.finished()) {
                            throw new CorruptException("truncated: the image data ends after " + lines.seen
                                    + " of " + lines.expected + " bytes");
                        }
                        return;
                    }
                    default -> { } // ancillary chunks (text, colour profiles, EXIF...) are not checked
                }
                if (idatSeen && !type.equals("IDAT")) {
                    idatEnded = true;
                }
                pos = data + len + 4;
            }
        } finally {
            inflater.end();
        }
    }

    private static void inflate(Inflater inflater, Scanlines lines, byte[] scratch) throws CorruptException {
        try {
            while (!inflater.needsInput() && !inflater.finished()) {
                int n = inflater.inflate(scratch);
                if (n == 0 && inflater.needsDictionary()) {
                    throw new CorruptException("the image data asks for a preset dictionary");
                }
                if (n == 0 && !inflater.needsInput() && !inflater.finished()) {
                    throw new CorruptException("the image data stalls: the zlib stream cannot be inflated");
                }
                lines.scan(scratch, n);
            }
            if (inflater.finished() && lines.seen != lines.expected) {
                throw new CorruptException("the image data holds " + lines.seen + " bytes; " + lines.width + " x "
                        + lines.height + " at this colour type and depth needs " + lines.expected);
            }
        } catch (DataFormatException e) {
            throw new CorruptException("the image data is not a valid zlib stream: " + e.getMessage());
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    /** The decompressed layout the header implies: a filter byte, then the row's bytes, row after row. */
    private static final class Scanlines {
        final int width;
        final int height;
        final int colorType;
        /** Row lengths (filter byte included) and row counts of each pass (one pass unless interlaced). */
        private final long[] rowLength;
        private final long[] rows;
        final long expected;
        long seen;
        private int pass;
        private long rowInPass;
        private long posInRow;

        private Scanlines(int width, int height, int colorType, long[] rowLength, long[] rows) {
            this.width = width;
            this.height = height;
            this.colorType = colorType;
            this.rowLength = rowLength;
            this.rows = rows;
            long total = 0;
            for (int p = 0; p < rows.length; p++) {
                total += rowLength[p] * rows[p];
            }
            this.expected = total;
            skipEmptyPasses();
        }

        static Scanlines of(byte[] b, int at, int len) throws CorruptException {
            if (len != 13) {
                throw new CorruptException("IHDR is " + len + " bytes, not 13");
            }
            int width = readInt(b, at);
            int height = readInt(b, at + 4);
            int depth = b[at + 8] & 0xff;
            int colorType = b[at + 9] & 0xff;
            if (width <= 0 || height <= 0) {
                throw new CorruptException("IHDR gives " + width + " x " + height + " pixels");
            }
            int channels = switch (colorType) {
                case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16 ? 1 : -1;
                case 2 -> depth == 8 || depth == 16 ? 3 : -1;
                case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 ? 1 : -1;
                case 4 -> depth == 8 || depth == 16 ? 2 : -1;
                case 6 -> depth == 8 || depth == 16 ? 4 : -1;
                default -> -1;
            };
            if (channels < 0) {
                throw new CorruptException("IHDR gives colour type " + colorType + " at bit depth " + depth
                        + ", which PNG does not define");
            }
            if (b[at + 10] != 0 || b[at + 11] != 0 || (b[at + 12] != 0 && b[at + 12] != 1)) {
                throw new CorruptException("IHDR names an unknown compression, filter or interlace method");
            }
            long bitsPerPixel = (long) channels * depth;
            if (b[at + 12] == 0) {
                return new Scanlines(width, height, colorType, new long[] {1 + (width * bitsPerPixel + 7) / 8},
                        new long[] {height});
            }
            long[] rowLength = new long[ADAM7.length];
            long[] rows = new long[ADAM7.length];
            for (int p = 0; p < ADAM7.length; p++) {
                long w = width > ADAM7[p][0] ? (width - ADAM7[p][0] + ADAM7[p][2] - 1) / ADAM7[p][2] : 0;
                long h = height > ADAM7[p][1] ? (height - ADAM7[p][1] + ADAM7[p][3] - 1) / ADAM7[p][3] : 0;
                boolean empty = w == 0 || h == 0;
                rowLength[p] = empty ? 0 : 1 + (w * bitsPerPixel + 7) / 8;
                rows[p] = empty ? 0 : h;
            }
            return new Scanlines(width, height, colorType, rowLength, rows);
        }

        /** Counts {@code n} more decompressed bytes and checks the filter byte of each row they start. */
        void scan(byte[] out, int n) throws CorruptException {
            int i = 0;
            while (i < n) {
                if (pass >= rows.length) {
                    throw new CorruptException("the image data holds more than the " + expected + " bytes "
                            + width + " x " + height + " at this colour type and depth needs");
                }
                if (posInRow == 0 && (out[i] & 0xff) > 4) {
                    throw new CorruptException("row " + rowInPass + (rows.length > 1 ? " of interlace pass " + (pass + 1) : "")
                            + " has filter type " + (out[i] & 0xff) + "; PNG defines 0 to 4");
                }
                int step = (int) Math.min(n - i, rowLength[pass] - posInRow);
                i += step;
                seen += step;
                posInRow += step;
                if (posInRow == rowLength[pass]) {
                    posInRow = 0;
                    rowInPass++;
                    if (rowInPass == rows[pass]) {
                        rowInPass = 0;
                        pass++;
                        skipEmptyPasses();
                    }
                }
            }
        }

        private void skipEmptyPasses() {
            while (pass < rows.length && rows[pass] == 0) {
                pass++;
            }
        }
    }
}
