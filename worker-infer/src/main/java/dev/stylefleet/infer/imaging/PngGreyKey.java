package dev.stylefleet.infer.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * The transparent grey level of a grey PNG below 8 bits per sample (colour type 0, depth 1, 2 or 4,
 * with a tRNS chunk), applied after ImageIO's decode.
 *
 * <p>Why: the JDK 17 PNG reader expands such images to 8-bit grey + alpha but compares the tRNS key
 * with the wrong sample values, so the key pixels stay opaque and others may turn transparent (found
 * by {@code PngMatrixTest}: a 4-bit key of 12 left every key pixel opaque). The expansion itself is
 * exact (level x 255 / (2^depth - 1) is an integer for depths 1, 2 and 4), so the alpha band can be
 * recomputed from the grey band alone: 0 where it equals the scaled key, 255 elsewhere.
 */
final class PngGreyKey {
    private static final int SIGNATURE_BYTES = 8;
    private static final int IHDR_DEPTH = 8;
    private static final int IHDR_COLOUR_TYPE = 9;
    private static final int GREY = 0;

    private PngGreyKey() {}

    /** The key as an 8-bit level, when the file is a sub-8-bit grey PNG with a tRNS chunk before its pixels. */
    static OptionalInt keyLevel(byte[] png) {
        int pos = SIGNATURE_BYTES;
        int depth = -1;
        while (pos + 8 <= png.length) {
            long length = u32(png, pos) & 0xffffffffL;
            String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int data = pos + 8;
            if (length > png.length - data) {
                return OptionalInt.empty();
            }
            if (type.equals("IHDR") && length >= 13) {
                if ((png[data + IHDR_COLOUR_TYPE] & 0xff) != GREY) {
                    return OptionalInt.empty();
                }
                depth = png[data + IHDR_DEPTH] & 0xff;
                if (depth >= 8) {
                    return OptionalInt.empty();
                }
            } else if (type.equals("tRNS") && depth > 0 && length >= 2) {
                int key = ((png[data] & 0xff) << 8 | (png[data + 1] & 0xff)) & ((1 << depth) - 1);
                return OptionalInt.of(key * 255 / ((1 << depth) - 1));
            } else if (type.equals("IDAT") || type.equals("IEND")) {
                return OptionalInt.empty();
            }
            pos = data + (int) length + 4;
        }
        return OptionalInt.empty();
    }

    /** Rewrites the alpha band of an 8-bit grey + alpha decode from its grey band; other images unchanged. */
    static BufferedImage apply(BufferedImage image, int keyLevel) {
        ColorModel cm = image.getColorModel();
        WritableRaster raster = image.getRaster();
        if (!cm.hasAlpha() || raster.getNumBands() != 2 || cm.getComponentSize(0) != 8) {
            return image;
        }
        int w = image.getWidth();
        int[] grey = new int[w];
        int[] alpha = new int[w];
        for (int y = 0; y < image.getHeight(); y++) {
            raster.getSamples(0, y, w, 1, 0, grey);
            for (int x = 0; x < w; x++) {
                alpha[x] = grey[x] == keyLevel ? 0 : 255;
            }
            raster.setSamples(0, y, w, 1, 1, alpha);
        }
        return image;
    }

    private static int u32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
