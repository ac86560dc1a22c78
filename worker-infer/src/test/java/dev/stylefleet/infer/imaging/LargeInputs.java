package dev.stylefleet.infer.imaging;

import dev.stylefleet.platform.imaging.PngWriter;

/**
 * The large inputs of issue 15's memory report, written by the test PNG writer a row at a time (no
 * raster of them is ever built here): smooth content, so the files stay well under the byte limit
 * while their decoded size is what matters.
 */
public final class LargeInputs {
    private LargeInputs() {}

    /** The report's panorama: 16384 x 3906, 16-bit RGB (384 MB as a 16-bit raster). */
    public static byte[] panorama16Bit() {
        return png(16384, 3906, 16);
    }

    /** The report's 8000 x 8000 8-bit RGB PNG (192 MB as a raster). */
    public static byte[] square8000() {
        return png(8000, 8000, 8);
    }

    public static byte[] png(int width, int height, int depth) {
        int max = (1 << depth) - 1;
        return PngWriter.write(width, height, 2, depth, false,
                (x, y, c) -> (int) ((long) ((x + 3L * y + 1000L * c) % 4096) * max / 4095), null, null);
    }
}
