package dev.stylefleet.infer.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * The EXIF orientation tag (0x0112) of an input, and turning the decoded pixels upright. Cameras store
 * the sensor's pixels and say how to turn them; a user expects the photo as their viewer shows it.
 * Read from a JPEG APP1 "Exif" segment, a PNG eXIf chunk or a WebP EXIF chunk. Every read is bounds
 * checked: a malformed or hostile EXIF block means "no orientation", never an exception.
 */
public final class ExifOrientation {
    private ExifOrientation() {}

    /** 1 = upright (also when absent or unreadable); 2..8 as in the EXIF specification. */
    public static int of(byte[] b, ImageFormat format) {
        try {
            int tiff = switch (format) {
                case JPEG -> jpegExif(b);
                case PNG -> pngExif(b);
                case WEBP -> webpExif(b);
                default -> -1;
            };
            int o = tiff < 0 ? 1 : tiffOrientation(b, tiff);
            return o >= 1 && o <= 8 ? o : 1;
        } catch (IndexOutOfBoundsException e) {
            return 1;
        }
    }

    /** Width and height after turning: orientations 5..8 swap them. */
    public static boolean swapsAxes(int orientation) {
        return orientation >= 5;
    }

    /**
     * The image turned upright; the same object for orientation 1. Works on the raster, so 16-bit
     * samples and alpha survive. For upright pixel (dx,dy) the source pixel is (EXIF 2.32, 0x0112):
     * 2 (w-1-dx, dy), 3 (w-1-dx, h-1-dy), 4 (dx, h-1-dy), 5 (dy, dx), 6 (dy, h-1-dx),
     * 7 (w-1-dy, h-1-dx), 8 (w-1-dy, dx); 5..8 swap width and height.
     */
    public static BufferedImage apply(BufferedImage src, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = swapsAxes(orientation);
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        Raster in = src.getRaster();
        WritableRaster out = in.createCompatibleWritableRaster(dw, dh);
        Object pixel = null;
        for (int dy = 0; dy < dh; dy++) {
            for (int dx = 0; dx < dw; dx++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - dx; sy = dy; }
                    case 3 -> { sx = w - 1 - dx; sy = h - 1 - dy; }
                    case 4 -> { sx = dx; sy = h - 1 - dy; }
                    case 5 -> { sx = dy; sy = dx; }
                    case 6 -> { sx = dy; sy = h - 1 - dx; }
                    case 7 -> { sx = w - 1 - dy; sy = h - 1 - dx; }
                    default -> { sx = w - 1 - dy; sy = dx; }
                }
                pixel = in.getDataElements(sx, sy, pixel);
                out.setDataElements(dx, dy, pixel);
            }
        }
        return new BufferedImage(src.getColorModel(), out, src.isAlphaPremultiplied(), null);
    }

    /** Offset of the TIFF header inside the first APP1 "Exif\0\0" segment, or -1. */
    private static int jpegExif(byte[] b) {
        int p = 2;
        while (p + 4 <= b.length && (b[p] & 0xff) == 0xff) {
            int marker = b[p + 1] & 0xff;
            if (marker == 0xda || marker == 0xd9) {
                return -1; // start of scan: metadata comes before it
            }
            int len = u16(b, p + 2, false);
            if (len < 2) {
                return -1;
            }
            if (marker == 0xe1 && len >= 8 && p + 10 <= b.length && b[p + 4] == 'E' && b[p + 5] == 'x'
                    && b[p + 6] == 'i' && b[p + 7] == 'f' && b[p + 8] == 0 && b[p + 9] == 0) {
                return p + 10;
            }
            p += 2 + len;
        }
        return -1;
    }

    private static int pngExif(byte[] b) {
        int p = 8;
        while (p + 8 <= b.length) {
            long len = u32(b, p, false);
            if (len < 0 || len > b.length) {
                return -1;
            }
            if (b[p + 4] == 'e' && b[p + 5] == 'X' && b[p + 6] == 'I' && b[p + 7] == 'f') {
                return p + 8;
            }
            if (b[p + 4] == 'I' && b[p + 5] == 'D' && b[p + 6] == 'A' && b[p + 7] == 'T') {
                return -1; // eXIf must precede the image data
            }
            p += 12 + (int) len;
        }
        return -1;
    }

    private static int webpExif(byte[] b) {
        int p = 12;
        while (p + 8 <= b.length) {
            long len = u32(b, p + 4, true);
            if (len < 0 || len > b.length) {
                return -1;
            }
            if (b[p] == 'E' && b[p + 1] == 'X' && b[p + 2] == 'I' && b[p + 3] == 'F') {
                int q = p + 8;
                // Some writers keep the JPEG-style "Exif\0\0" prefix inside the chunk.
                return q + 6 <= b.length && b[q] == 'E' && b[q + 1] == 'x' && b[q + 4] == 0 ? q + 6 : q;
            }
            p += 8 + (int) ((len + 1) & ~1L);
        }
        return -1;
    }

    /** Orientation from IFD0 of the TIFF structure at {@code t}; 1 when absent. */
    private static int tiffOrientation(byte[] b, int t) {
        boolean le;
        if (b[t] == 'I' && b[t + 1] == 'I') {
            le = true;
        } else if (b[t] == 'M' && b[t + 1] == 'M') {
            le = false;
        } else {
            return 1;
        }
        long ifd = u32(b, t + 4, le);
        if (ifd < 8 || t + ifd + 2 > b.length) {
            return 1;
        }
        int p = (int) (t + ifd);
        int entries = u16(b, p, le);
        for (int i = 0; i < entries && p + 2 + 12 * (i + 1) <= b.length; i++) {
            int e = p + 2 + 12 * i;
            if (u16(b, e, le) == 0x0112) {
                return u16(b, e + 8, le);
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int p, boolean le) {
        int a = b[p] & 0xff;
        int c = b[p + 1] & 0xff;
        return le ? a | c << 8 : a << 8 | c;
    }

    private static long u32(byte[] b, int p, boolean le) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int shift = le ? 8 * i : 8 * (3 - i);
            v |= (long) (b[p + i] & 0xff) << shift;
        }
        return v;
    }
}
