package dev.stylefleet.infer.imaging;

import dev.stylefleet.infer.failure.ErrorCode;

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
        return c;
    }
}
