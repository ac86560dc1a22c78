package dev.stylefleet.platform.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Images generated in code: real encodings from the JDK's ImageIO writers, and hand-made headers. */
public final class TestImages {
    private TestImages() {}

    public static byte[] png(int width, int height) {
        return encode(gradient(width, height), "png");
    }

    public static byte[] jpeg(int width, int height) {
        return encode(gradient(width, height), "jpeg");
    }

    static byte[] gif(int width, int height) {
        return encode(gradient(width, height), "gif");
    }

    static byte[] bmp(int width, int height) {
        return encode(gradient(width, height), "bmp");
    }

    public static BufferedImage gradient(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255) / Math.max(1, width - 1);
                int g = (y * 255) / Math.max(1, height - 1);
                int b = ((x * 31) ^ (y * 17)) & 0xFF;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    public static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** PNG signature plus an IHDR chunk (correct CRC) declaring any size, and nothing else. */
    static byte[] pngHeaderOnly(long width, long height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt((int) width).putInt((int) height).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + 4 + 13 + 4);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        b.put(pngChunk("IHDR", ihdr.array()));
        return b.array();
    }

    public static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.putInt(data.length).put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** WebP, lossy: RIFF + "VP8 " key-frame header with the given size (and scale bits set). */
    static byte[] webpLossy(int width, int height) {
        ByteBuffer chunk = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put((byte) 0x10).put((byte) 0x02).put((byte) 0x00); // frame tag, bit 0 = 0: key frame
        chunk.put((byte) 0x9D).put((byte) 0x01).put((byte) 0x2A);
        chunk.putShort((short) (width | 0x4000)).putShort((short) (height | 0x8000)); // upper 2 bits: scale
        return riff("VP8 ", chunk.array());
    }

    /** WebP, lossless: RIFF + "VP8L" header. */
    static byte[] webpLossless(int width, int height) {
        ByteBuffer chunk = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN);
        int bits = (width - 1) | ((height - 1) << 14) | (1 << 28); // alpha hint set, version 0
        chunk.put((byte) 0x2F).putInt(bits);
        return riff("VP8L", chunk.array());
    }

    /** The VP8X chunk's payload: flags, then the canvas size. */
    static byte[] vp8x(int flags, int width, int height) {
        ByteBuffer chunk = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put((byte) flags).put(new byte[3]);
        int w = width - 1;
        int h = height - 1;
        chunk.put((byte) w).put((byte) (w >> 8)).put((byte) (w >> 16));
        chunk.put((byte) h).put((byte) (h >> 8)).put((byte) (h >> 16));
        return chunk.array();
    }

    /** WebP, extended: RIFF + "VP8X" with the canvas size. */
    static byte[] webpExtended(int width, int height) {
        return riff("VP8X", vp8x(0x10, width, height));
    }

    /** A RIFF WebP container of the given chunks (fourcc, payload, fourcc, payload...). */
    static byte[] riff(Object... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < chunks.length; i += 2) {
            byte[] payload = (byte[]) chunks[i + 1];
            body.writeBytes(((String) chunks[i]).getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(payload.length).array());
            body.writeBytes(payload);
            if (payload.length % 2 == 1) {
                body.write(0);
            }
        }
        ByteBuffer b = ByteBuffer.allocate(12 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.size());
        b.put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(body.toByteArray());
        return b.array();
    }

    /** A TIFF structure (big-endian) whose IFD0 holds one entry: the orientation. */
    public static byte[] tiffWithOrientation(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        b.putShort((short) 1);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0);
        return b.array();
    }

    /** The JPEG with an APP1 "Exif" segment holding {@code tiff} right after SOI, as cameras write it. */
    public static byte[] jpegWithExif(byte[] jpeg, byte[] tiff) {
        ByteArrayOutputStream seg = new ByteArrayOutputStream();
        seg.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1});
        int len = 2 + 6 + tiff.length;
        seg.write(len >> 8);
        seg.write(len & 0xFF);
        seg.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        seg.writeBytes(tiff);
        return splice(jpeg, 2, seg.toByteArray());
    }

    /** The PNG with an eXIf chunk right after IHDR. */
    public static byte[] pngWithExif(byte[] png, byte[] tiff) {
        return splice(png, 8 + 25, pngChunk("eXIf", tiff));
    }

    public static byte[] splice(byte[] b, int at, byte[] insert) {
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at, out, at + insert.length, b.length - at);
        return out;
    }
}
