package dev.stylefleet.gateway;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Images generated in code for the tests: real encodings from ImageIO, and hand-made headers. */
public final class TestImages {
    private TestImages() {}

    /** A real PNG with a gradient, so that it does not compress to nothing. */
    public static byte[] png(int width, int height) {
        return encode(gradient(width, height), "png");
    }

    public static byte[] jpeg(int width, int height) {
        return encode(gradient(width, height), "jpeg");
    }

    public static BufferedImage gradient(int width, int height) {
        return dev.stylefleet.platform.imaging.TestImages.gradient(width, height);
    }

    public static byte[] encode(BufferedImage img, String format) {
        return dev.stylefleet.platform.imaging.TestImages.encode(img, format);
    }

    /**
     * PNG signature plus an IHDR chunk (correct CRC) declaring any size, and nothing else: what a
     * decompression bomb's header looks like before any pixel data.
     */
    public static byte[] pngHeaderOnly(long width, long height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt((int) width).putInt((int) height).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + 4 + 13 + 4);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        b.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).put(ihdr.array());
        CRC32 crc = new CRC32();
        crc.update("IHDR".getBytes(StandardCharsets.US_ASCII));
        crc.update(ihdr.array());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** WebP, lossy: RIFF + "VP8 " key-frame header with the given size (and scale bits set). */
    public static byte[] webpLossy(int width, int height) {
        ByteBuffer chunk = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put((byte) 0x10).put((byte) 0x02).put((byte) 0x00); // frame tag, bit 0 = 0: key frame
        chunk.put((byte) 0x9D).put((byte) 0x01).put((byte) 0x2A);
        chunk.putShort((short) (width | 0x4000)).putShort((short) (height | 0x8000)); // upper 2 bits: scale
        return riff("VP8 ", chunk.array());
    }

    /** WebP, lossless: RIFF + "VP8L" header. */
    public static byte[] webpLossless(int width, int height) {
        ByteBuffer chunk = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN);
        int bits = (width - 1) | ((height - 1) << 14) | (1 << 28); // alpha hint set, version 0
        chunk.put((byte) 0x2F).putInt(bits);
        return riff("VP8L", chunk.array());
    }

    /** WebP, extended: RIFF + "VP8X" with the canvas size. */
    public static byte[] webpExtended(int width, int height) {
        ByteBuffer chunk = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put((byte) 0x10).put(new byte[3]);
        int w = width - 1;
        int h = height - 1;
        chunk.put((byte) w).put((byte) (w >> 8)).put((byte) (w >> 16));
        chunk.put((byte) h).put((byte) (h >> 8)).put((byte) (h >> 16));
        return riff("VP8X", chunk.array());
    }

    public static byte[] riff(String fourcc, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + payload.length);
        b.put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put(fourcc.getBytes(StandardCharsets.US_ASCII)).putInt(payload.length).put(payload);
        return b.array();
    }

    /** The first {@code fraction} of the bytes. */
    public static byte[] truncated(byte[] bytes, double fraction) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }
}
