package dev.stylefleet.infer.imaging;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.platform.imaging.PngVariant;
import dev.stylefleet.platform.imaging.PngWriter;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The hostile-input set (issue 7): files made here, each with the outcome the worker must reach.
 * {@code expected == null} means the job succeeds; otherwise it fails with that code.
 * {@link #LIMITS} are the limits the set is judged under (small byte limit so one case can pass it).
 */
public final class HostileInputs {
    private HostileInputs() {}

    /** 1 MiB and the default pixel limit: the "too many bytes" case is a 1.5 MB file. */
    public static final ImageLimits LIMITS = new ImageLimits(1L << 20, ImageLimits.DEFAULT_MAX_INPUT_PIXELS);

    /**
     * @param width,height the upright size a successful decode must have (0 for failures)
     * @param alpha        a successful decode keeps an alpha channel
     */
    public record Case(String name, byte[] bytes, ErrorCode expected, int width, int height, boolean alpha) {
        static Case fails(String name, byte[] bytes, ErrorCode code) {
            return new Case(name, bytes, code, 0, 0, false);
        }

        static Case ok(String name, byte[] bytes, int w, int h) {
            return new Case(name, bytes, null, w, h, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static List<Case> all() {
        BufferedImage img = TestImages.gradientWithNoise(24, 16, 42);
        byte[] png = ImageFiles.png(img);
        byte[] jpeg = ImageFiles.jpeg(img, 90, false);
        byte[] webp = ImageFiles.webp(img, false);
        byte[] bmp = ImageFiles.bmp(img);
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        List<Case> c = new ArrayList<>();
        ErrorCode bad = ErrorCode.INVALID_IMAGE;
        ErrorCode big = ErrorCode.IMAGE_TOO_LARGE;

        // Not images at all.
        c.add(Case.fails("zero-bytes", new byte[0], bad));
        c.add(Case.fails("one-byte", new byte[] {(byte) 0x89}, bad));
        c.add(Case.fails("random-bytes", noise, bad));
        c.add(Case.fails("zip-named-jpg", ImageFiles.zip("photo.jpg", jpeg), bad));
        c.add(Case.fails("pdf", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj <<>> endobj\n".getBytes(StandardCharsets.ISO_8859_1), bad));
        c.add(Case.fails("html", "<!doctype html><html><body>not a picture</body></html>".getBytes(StandardCharsets.UTF_8), bad));
        c.add(Case.fails("png-signature-only", Arrays.copyOf(png, 8), bad));
        c.add(Case.fails("jpeg-soi-only", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, bad));
        c.add(Case.fails("riff-webp-header-only", Arrays.copyOf(webp, 12), bad));
        c.add(Case.fails("gif-header-only", "GIF89a".getBytes(StandardCharsets.US_ASCII), bad));

        // Truncated and damaged.
        c.add(Case.fails("png-truncated-after-ihdr", Arrays.copyOf(png, 33), bad));
        c.add(Case.fails("png-truncated-mid-idat", Arrays.copyOf(png, png.length / 2), bad));
        c.add(Case.fails("jpeg-truncated-half", Arrays.copyOf(jpeg, jpeg.length / 2), bad));
        c.add(Case.fails("jpeg-truncated-after-headers", Arrays.copyOf(jpeg, 200), bad));
        c.add(Case.fails("webp-truncated-half", Arrays.copyOf(webp, webp.length / 2), bad));
        byte[] pngNoise = png.clone();
        for (int i = 60; i < pngNoise.length - 20; i += 3) {
            pngNoise[i] ^= (byte) 0x5a;
        }
        c.add(Case.fails("png-scrambled-idat", pngNoise, bad));
        c.add(Case.fails("png-zero-size", ImageFiles.pngDeclaring(0, 0), bad));

        // Decompression bombs and oversized declarations: refused from the header.
        c.add(Case.fails("png-65535x65535-header", ImageFiles.pngDeclaring(65535, 65535), big));
        c.add(Case.fails("jpeg-65535x65535-header", ImageFiles.jpegDeclaring(jpeg, 65535, 65535), big));
        // Read by the shared header reader like every other format (before, the JDK's BMP reader refused
        // the size against the data first, which made this INVALID_IMAGE).
        c.add(Case.fails("bmp-60000x60000-header", ImageFiles.bmpDeclaring(bmp, 60000, 60000), big));
        c.add(Case.fails("png-10000x7000-header", ImageFiles.pngDeclaring(10000, 7000), big));
        byte[] largeNoise = new byte[1536 * 1024];
        new Random(11).nextBytes(largeNoise);
        c.add(Case.fails("png-over-max-bytes", ImageFiles.concat(List.of(png, largeNoise)), big));

        // Animated: not a single picture.
        c.add(Case.fails("animated-webp", ImageFiles.animatedWebp(img), bad));
        c.add(Case.fails("animated-gif", ImageFiles.animatedGif(img, TestImages.gradientWithNoise(24, 16, 43)), bad));

        // Unusual but valid: must work.
        c.add(Case.ok("png-1x1", ImageFiles.png(TestImages.gradientWithNoise(1, 1, 1)), 1, 1));
        c.add(Case.ok("jpeg-1x1", ImageFiles.jpeg(TestImages.gradientWithNoise(1, 1, 1), 90, false), 1, 1));
        c.add(Case.ok("jpeg-cmyk", ImageFiles.cmykJpeg(24, 16), 24, 16));
        c.add(Case.ok("jpeg-progressive", ImageFiles.jpeg(img, 90, true), 24, 16));
        c.add(Case.ok("jpeg-exif-rotated-90", ImageFiles.withExifOrientation(jpeg, 6), 16, 24));
        c.add(Case.ok("jpeg-exif-broken-offsets", ImageFiles.withBrokenExif(jpeg), 24, 16));
        c.add(Case.ok("png-16-bit-rgb", ImageFiles.png(ImageFiles.sixteenBit(24, 16, false)), 24, 16));
        c.add(Case.ok("png-16-bit-grey", ImageFiles.png(ImageFiles.sixteenBit(24, 16, true)), 24, 16));
        c.add(new Case("png-alpha", ImageFiles.png(ImageFiles.withAlphaRamp(24, 16, 5)), null, 24, 16, true));
        BufferedImage grey = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(img, 0, 0, null);
        c.add(Case.ok("png-grey-8-bit", ImageFiles.png(grey), 24, 16));
        BufferedImage indexed = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.getGraphics().drawImage(img, 0, 0, null);
        c.add(Case.ok("png-palette", ImageFiles.png(indexed), 24, 16));
        c.add(Case.ok("png-exif-rotated-270", ImageFiles.pngWithExifOrientation(png, 8), 16, 24));
        c.add(Case.ok("png-trailing-garbage", ImageFiles.concat(List.of(png, noise)), 24, 16));
        c.add(Case.ok("webp-lossy", webp, 24, 16));
        c.add(new Case("webp-lossless-alpha", ImageFiles.webp(ImageFiles.withAlphaRamp(24, 16, 6), true), null,
                24, 16, true));
        c.add(Case.ok("gif-still", ImageFiles.gif(indexed), 24, 16));
        c.add(Case.ok("bmp", bmp, 24, 16));
        addPngMatrix(c);
        addPngDamage(c);
        addJpegWebpBmpGif(c, img, jpeg, webp, bmp, indexed);
        return c;
    }

    /** Issue 15: every PNG colour type x bit depth x tRNS x Adam7 (a palette PNG with tRNS failed INTERNAL). */
    private static void addPngMatrix(List<Case> c) {
        for (PngVariant v : PngVariant.all()) {
            c.add(new Case("png-matrix-" + v, v.bytes(), null, v.width(), v.height(), v.hasAlpha()));
        }
    }

    /** Chunk-level damage, lying headers and zlib bombs, from a plain 16 x 12 RGB PNG. */
    private static void addPngDamage(List<Case> c) {
        ErrorCode bad = ErrorCode.INVALID_IMAGE;
        ErrorCode big = ErrorCode.IMAGE_TOO_LARGE;
        byte[] base = HostileFiles.BASE.bytes();
        int w = HostileFiles.BASE.width();
        int h = HostileFiles.BASE.height();
        byte[] text = PngWriter.chunk("tEXt", "Comment\0hostile".getBytes(StandardCharsets.ISO_8859_1));
        byte[] withText = HostileFiles.insertBefore(base, "IDAT", text);

        // The JDK's reader checks no CRC; a wrong CRC on intact data still decodes to what was sent.
        c.add(Case.ok("png-bad-crc-ihdr", HostileFiles.badCrc(base, "IHDR"), w, h));
        c.add(Case.ok("png-bad-crc-idat", HostileFiles.badCrc(base, "IDAT"), w, h));
        c.add(Case.ok("png-bad-crc-text", HostileFiles.badCrc(withText, "tEXt"), w, h));
        c.add(Case.ok("png-bad-crc-iend", HostileFiles.badCrc(base, "IEND"), w, h));
        c.add(Case.ok("png-text-chunk", withText, w, h));
        c.add(Case.ok("png-no-iend", HostileFiles.without(base, "IEND"), w, h));
        c.add(Case.ok("png-idat-in-7-byte-chunks", HostileFiles.splitIdat(base, 7, false), w, h));
        c.add(Case.ok("png-idat-with-empty-chunks", HostileFiles.splitIdat(base, 40, true), w, h));
        c.add(Case.ok("png-unknown-ancillary-chunk",
                HostileFiles.insertBefore(base, "IDAT", PngWriter.chunk("zzZz", new byte[1000])), w, h));
        c.add(Case.ok("png-gama-chunk",
                HostileFiles.insertBefore(base, "IDAT", PngWriter.chunk("gAMA", new byte[] {0, 0, (byte) 0xb1, (byte) 0x8f})), w, h));
        c.add(Case.fails("png-no-idat", HostileFiles.without(base, "IDAT"), bad));
        c.add(Case.fails("png-rgb-at-4-bits", HostileFiles.ihdr(base, w, h, 4, 2, 0, 0, 0), bad));
        c.add(Case.fails("png-colour-type-5", HostileFiles.ihdr(base, w, h, 8, 5, 0, 0, 0), bad));
        c.add(Case.fails("png-compression-method-1", HostileFiles.ihdr(base, w, h, 8, 2, 1, 0, 0), bad));
        c.add(Case.fails("png-filter-method-1", HostileFiles.ihdr(base, w, h, 8, 2, 0, 1, 0), bad));
        c.add(Case.fails("png-interlace-method-2", HostileFiles.ihdr(base, w, h, 8, 2, 0, 0, 2), bad));
        c.add(Case.fails("png-palette-without-plte", HostileFiles.ihdr(base, w, h, 8, 3, 0, 0, 0), bad));
        c.add(Case.fails("png-declares-more-rows", HostileFiles.ihdr(base, w, h * 2, 8, 2, 0, 0, 0), bad));
        c.add(Case.fails("png-interlaced-truncated",
                Arrays.copyOf(new PngVariant(6, 16, false, true, 40, 30).bytes(), 400), bad));
        c.add(Case.fails("png-row-filter-type-7", HostileFiles.pngWithRaw(w, h, 8, 2, null,
                HostileFiles.zeroRows(h, 3 * w, 7)), bad));
        c.add(Case.fails("png-idat-half-the-rows", HostileFiles.pngWithRaw(w, h, 8, 2, null,
                HostileFiles.zeroRows(h / 2, 3 * w, 0)), bad));
        c.add(Case.ok("png-idat-twice-the-rows", HostileFiles.pngWithRaw(w, h, 8, 2, null,
                HostileFiles.zeroRows(2 * h, 3 * w, 0)), w, h));
        // Palette indices past a 2-entry PLTE: the JDK reader pads the palette (black), as libpng does.
        c.add(Case.ok("png-palette-index-past-plte", HostileFiles.pngWithRaw(w, h, 8, 3, new byte[6],
                rampRows(w, h)), w, h));
        // A tRNS longer than the palette: the extra entries are ignored, the image is transparent as given.
        c.add(new Case("png-trns-longer-than-palette", HostileFiles.insertBefore(HostileFiles.pngWithRaw(w, h, 8, 3,
                new byte[6], HostileFiles.zeroRows(h, w, 0)), "IDAT", PngWriter.chunk("tRNS", new byte[40])), null,
                w, h, true));
        // tRNS is forbidden with an alpha channel (specification 11.3.2.1); the JDK reader refuses the file.
        c.add(Case.fails("png-trns-on-rgba", HostileFiles.insertBefore(
                new PngVariant(6, 8, false, false, w, h).bytes(), "IDAT", PngWriter.chunk("tRNS", new byte[6])), bad));
        // A zlib bomb in small: 1 x 1 pixel whose IDAT inflates to 64 MiB; the decoder reads what it needs.
        c.add(Case.ok("png-1x1-idat-inflating-to-64mib", HostileFiles.pngWithRaw(1, 1, 8, 0, null,
                new byte[64 << 20]), 1, 1));
        // A megapixel in well under a kilobyte: within the limits, so decoded (InferWorkerIT upscales it x4;
        // a larger one would only meet stylefleet.infer.max-output-pixels there).
        c.add(Case.ok("png-1024x1024-1-bit-in-under-1kb", HostileFiles.pngWithRaw(1024, 1024, 1, 0, null,
                HostileFiles.zeroRows(1024, 128, 0)), 1024, 1024));
        c.add(Case.fails("png-bomb-8193x8192", ImageFiles.pngDeclaring(8193, 8192), big));
        c.add(Case.fails("png-height-2-pow-31-minus-1", ImageFiles.pngDeclaring(1, Integer.MAX_VALUE), big));
        c.add(Case.fails("png-width-2-pow-31", ImageFiles.pngDeclaring(Integer.MIN_VALUE, 1), bad));
        c.add(Case.fails("png-ihdr-length-12", ihdrLength(base, 12), bad));
    }

    private static void addJpegWebpBmpGif(List<Case> c, BufferedImage img, byte[] jpeg, byte[] webp, byte[] bmp,
            BufferedImage indexed) {
        ErrorCode bad = ErrorCode.INVALID_IMAGE;
        ErrorCode big = ErrorCode.IMAGE_TOO_LARGE;
        for (int orientation : new int[] {2, 3, 4, 5, 7, 8}) {
            boolean swaps = orientation >= 5;
            c.add(Case.ok("jpeg-exif-orientation-" + orientation, ImageFiles.withExifOrientation(jpeg, orientation),
                    swaps ? 16 : 24, swaps ? 24 : 16));
        }
        BufferedImage grey = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(img, 0, 0, null);
        c.add(Case.ok("jpeg-grey", ImageFiles.jpeg(grey, 90, false), 24, 16));
        c.add(Case.ok("jpeg-quality-1", ImageFiles.jpeg(img, 1, false), 24, 16));
        c.add(Case.ok("jpeg-trailing-garbage", ImageFiles.concat(List.of(jpeg, new byte[500])), 24, 16));
        c.add(Case.fails("jpeg-no-start-of-scan", HostileFiles.jpegCutBefore(jpeg, 0xda), bad));
        c.add(Case.fails("jpeg-zeroed-huffman-tables", HostileFiles.jpegZeroSegment(jpeg, 0xc4), bad));
        c.add(Case.fails("jpeg-zero-width", ImageFiles.jpegDeclaring(jpeg, 0, 16), bad));
        byte[] progressive = ImageFiles.jpeg(TestImages.gradientWithNoise(64, 48, 9), 90, true);
        c.add(Case.fails("jpeg-progressive-truncated", Arrays.copyOf(progressive, progressive.length / 2), bad));
        c.add(Case.ok("webp-lossless-opaque", ImageFiles.webp(img, true), 24, 16));
        c.add(Case.fails("webp-vp8x-20000x20000-canvas", HostileFiles.webpVp8x(20000, 20000), big));
        c.add(Case.fails("webp-vp8x-only", HostileFiles.webpVp8x(24, 16), bad));
        byte[] lossless = ImageFiles.webp(img, true);
        c.add(Case.fails("webp-lossless-truncated", Arrays.copyOf(lossless, lossless.length / 2), bad));
        c.add(Case.fails("bmp-truncated", Arrays.copyOf(bmp, bmp.length / 2), bad));
        c.add(Case.fails("bmp-zero-width", ImageFiles.bmpDeclaring(bmp, 0, 16), bad));
        c.add(Case.ok("bmp-top-down", ImageFiles.bmpDeclaring(bmp, 24, -16), 24, 16));
        c.add(Case.ok("bmp-8-bit-palette", ImageFiles.bmp(indexed), 24, 16));
        BufferedImage binary = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_BINARY);
        binary.getGraphics().drawImage(img, 0, 0, null);
        c.add(Case.ok("bmp-1-bit", ImageFiles.bmp(binary), 24, 16));
        byte[] gif = ImageFiles.gif(indexed);
        c.add(Case.fails("gif-truncated", Arrays.copyOf(gif, gif.length / 2), bad));
    }

    /** Palette-index rows 0, 1, 2, ... 255 (filter byte 0), for an 8-bit palette image. */
    private static byte[] rampRows(int w, int h) {
        byte[] raw = new byte[h * (w + 1)];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raw[y * (w + 1) + 1 + x] = (byte) (y * w + x);
            }
        }
        return raw;
    }

    /** The PNG with IHDR's length field changed (the data and CRC left as they were). */
    private static byte[] ihdrLength(byte[] png, int length) {
        byte[] b = png.clone();
        b[11] = (byte) length;
        return b;
    }
}
