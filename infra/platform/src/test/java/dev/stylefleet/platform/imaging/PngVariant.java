package dev.stylefleet.platform.imaging;

import java.util.ArrayList;
import java.util.List;

/**
 * One cell of the PNG matrix: a colour type, a bit depth the specification allows for it, with or
 * without a tRNS chunk (where allowed: grey, RGB, palette), interlaced (Adam7) or not. Its pixels are
 * known here, so {@link #argb} is the independent decode every decoder's output is compared with.
 *
 * <p>The samples are a hash of (x, y, channel), so neighbouring pixels differ and every filter type
 * sees real work; a few pixels are set to the tRNS key colour so transparency shows up in every
 * grey/RGB cell with tRNS, and the palette's tRNS is shorter than the palette (entries beyond it are
 * opaque, section 11.3.2.1).
 */
public record PngVariant(int colourType, int depth, boolean trns, boolean interlaced, int width, int height) {
    /** Odd sizes, so the last Adam7 block and the last packed byte of a row are partial. */
    public static final int WIDTH = 13;
    public static final int HEIGHT = 11;

    /** Every valid combination at {@link #WIDTH} x {@link #HEIGHT}. */
    public static List<PngVariant> all() {
        return all(WIDTH, HEIGHT);
    }

    public static List<PngVariant> all(int width, int height) {
        int[][] depths = {{1, 2, 4, 8, 16}, {}, {8, 16}, {1, 2, 4, 8}, {8, 16}, {}, {8, 16}};
        List<PngVariant> out = new ArrayList<>();
        for (int type : new int[] {0, 2, 3, 4, 6}) {
            for (int depth : depths[type]) {
                for (boolean trns : type == 4 || type == 6 ? new boolean[] {false} : new boolean[] {false, true}) {
                    for (boolean interlaced : new boolean[] {false, true}) {
                        out.add(new PngVariant(type, depth, trns, interlaced, width, height));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "type" + colourType + "-" + depth + "bit" + (trns ? "-trns" : "") + (interlaced ? "-adam7" : "")
                + "-" + width + "x" + height;
    }

    private int max() {
        return (1 << depth) - 1;
    }

    /** Entries in the palette (all indices the depth can express, at most 256). */
    private int paletteSize() {
        return Math.min(256, 1 << depth);
    }

    /** Palette entries covered by tRNS: fewer than the palette, so the rest stay opaque. */
    private int paletteAlphas() {
        return Math.max(1, paletteSize() / 2);
    }

    private static int hash(int x, int y, int c) {
        int h = x * 0x9E3779B1 ^ y * 0x85EBCA77 ^ (c + 1) * 0xC2B2AE3D;
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        return (h ^ h >>> 12) & 0x7fffffff;
    }

    /** The key colour's sample for channel c (grey/RGB tRNS). */
    private int key(int c) {
        return hash(1000, 1000, c) % (max() + 1);
    }

    /** Pixels on the diagonal every fifth step carry the key colour. */
    private boolean isKeyPixel(int x, int y) {
        return trns && x == y && x % 5 == 0;
    }

    /** The stored sample of channel c at (x, y): a palette index for type 3. */
    public int sample(int x, int y, int c) {
        if ((colourType == 0 || colourType == 2) && isKeyPixel(x, y)) {
            return key(c);
        }
        int s = hash(x, y, c) % (max() + 1);
        if ((colourType == 0 || colourType == 2) && trns && sameAsKey(x, y)) {
            // keep non-key pixels off the key, so only the marked pixels are transparent
            s = (s + 1) % (max() + 1);
        }
        return s;
    }

    private boolean sameAsKey(int x, int y) {
        for (int c = 0; c < PngWriter.channels(colourType); c++) {
            if (hash(x, y, c) % (max() + 1) != key(c)) {
                return false;
            }
        }
        return true;
    }

    private int paletteEntry(int index, int c) {
        return hash(index, 7777, c) & 0xff;
    }

    private int paletteAlpha(int index) {
        return index < paletteAlphas() ? hash(index, 8888, 0) & 0xff : 255;
    }

    public byte[] bytes() {
        byte[] plte = null;
        byte[] trnsData = null;
        if (colourType == 3) {
            plte = new byte[3 * paletteSize()];
            for (int i = 0; i < paletteSize(); i++) {
                for (int c = 0; c < 3; c++) {
                    plte[3 * i + c] = (byte) paletteEntry(i, c);
                }
            }
            if (trns) {
                trnsData = new byte[paletteAlphas()];
                for (int i = 0; i < trnsData.length; i++) {
                    trnsData[i] = (byte) paletteAlpha(i);
                }
            }
        } else if (trns) {
            int n = colourType == 0 ? 1 : 3;
            trnsData = new byte[2 * n];
            for (int c = 0; c < n; c++) {
                trnsData[2 * c] = (byte) (key(c) >> 8);
                trnsData[2 * c + 1] = (byte) key(c);
            }
        }
        return PngWriter.write(width, height, colourType, depth, interlaced, this::sample, plte, trnsData);
    }

    /** Whether a correct decode has an alpha channel (or palette alpha). */
    public boolean hasAlpha() {
        return trns || colourType == 4 || colourType == 6;
    }

    /** A sample scaled to 8 bits, rounded to nearest (the specification's sample depth scaling, 12.4). */
    private int level(int s) {
        return depth == 8 ? s : (int) Math.round(s * 255.0 / max());
    }

    /** The pixel as non-premultiplied 8-bit ARGB: the independent decode. */
    public int argb(int x, int y) {
        int a;
        int r;
        int g;
        int b;
        switch (colourType) {
            case 0 -> {
                r = g = b = level(sample(x, y, 0));
                a = trns && isKeyPixel(x, y) ? 0 : 255;
            }
            case 2 -> {
                r = level(sample(x, y, 0));
                g = level(sample(x, y, 1));
                b = level(sample(x, y, 2));
                a = trns && isKeyPixel(x, y) ? 0 : 255;
            }
            case 3 -> {
                int i = sample(x, y, 0);
                r = paletteEntry(i, 0);
                g = paletteEntry(i, 1);
                b = paletteEntry(i, 2);
                a = trns ? paletteAlpha(i) : 255;
            }
            case 4 -> {
                r = g = b = level(sample(x, y, 0));
                a = level(sample(x, y, 1));
            }
            default -> {
                r = level(sample(x, y, 0));
                g = level(sample(x, y, 1));
                b = level(sample(x, y, 2));
                a = level(sample(x, y, 3));
            }
        }
        return a << 24 | r << 16 | g << 8 | b;
    }
}
