package dev.stylefleet.infer.imaging;

import static dev.stylefleet.platform.imaging.TestImages.jpegWithExif;
import static dev.stylefleet.platform.imaging.TestImages.pngChunk;
import static dev.stylefleet.platform.imaging.TestImages.pngWithExif;
import static dev.stylefleet.platform.imaging.TestImages.splice;
import static dev.stylefleet.platform.imaging.TestImages.tiffWithOrientation;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Encoded images of every kind the worker must read (or refuse), made in code. */
public final class ImageFiles {
    static {
        ImageDecoder.registerPlugins();
    }

    private ImageFiles() {}

    public static byte[] png(BufferedImage image) {
        return write(image, "png");
    }

    public static byte[] bmp(BufferedImage image) {
        return write(image, "bmp");
    }

    public static byte[] gif(BufferedImage image) {
        return write(image, "gif");
    }

    public static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] jpeg(BufferedImage image, int quality, boolean progressive) {
        return jpeg(new IIOImage(image, null, null), quality, progressive);
    }

    /** A 4-channel JPEG (no Adobe marker): read as CMYK. */
    public static byte[] cmykJpeg(int w, int h) {
        WritableRaster raster = Raster.createBandedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setSample(x, y, 0, 255 * x / w);
                raster.setSample(x, y, 1, 255 * y / h);
                raster.setSample(x, y, 2, 60);
                raster.setSample(x, y, 3, 20);
            }
        }
        byte[] plain = jpeg(new IIOImage(raster, null, null), 90, false);
        // APP14 "Adobe", transform 0: the marker Photoshop writes, saying the 4 channels are CMYK.
        byte[] adobe = {(byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        return splice(plain, 2, adobe);
    }

    private static byte[] jpeg(IIOImage image, int quality, boolean progressive) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = null;
        while (it.hasNext()) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.")) {
                writer = w; // the JDK's writer: it writes raw 4-channel rasters
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality / 100f);
            if (progressive) {
                p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, image, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    public static byte[] webp(BufferedImage image, boolean lossless) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("webp");
        ImageWriter writer = it.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionType(lossless ? "Lossless" : "Lossy");
            p.setCompressionQuality(0.9f);
            writer.write(null, new IIOImage(image, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A two-frame animated WebP built around a still WebP's image chunk (RIFF, VP8X, ANIM, ANMF x2). */
    public static byte[] animatedWebp(BufferedImage frame) {
        byte[] still = webp(frame, true);
        byte[] imageChunk = Arrays.copyOfRange(still, 12, still.length); // "VP8L" + size + data
        int w = frame.getWidth();
        int h = frame.getHeight();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("WEBP"));
        byte[] vp8x = new byte[10];
        vp8x[0] = 0x02; // animation flag
        put24(vp8x, 4, w - 1);
        put24(vp8x, 7, h - 1);
        chunk(body, "VP8X", vp8x);
        chunk(body, "ANIM", new byte[] {0, 0, 0, 0, 0, 0});
        for (int i = 0; i < 2; i++) {
            ByteArrayOutputStream anmf = new ByteArrayOutputStream();
            byte[] header = new byte[16];
            put24(header, 6, w - 1);
            put24(header, 9, h - 1);
            put24(header, 12, 100);
            anmf.writeBytes(header);
            anmf.writeBytes(imageChunk);
            chunk(body, "ANMF", anmf.toByteArray());
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("RIFF"));
        out.writeBytes(le32(b.length));
        out.writeBytes(b);
        return out.toByteArray();
    }

    public static byte[] animatedGif(BufferedImage a, BufferedImage b) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(a, null, null), null);
            writer.writeToSequence(new IIOImage(b, null, null), null);
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A 16-bit RGB (or grey, with {@code grey}) PNG with smooth 16-bit ramps. */
    public static BufferedImage sixteenBit(int w, int h, boolean grey) {
        java.awt.color.ColorSpace cs = java.awt.color.ColorSpace.getInstance(grey
                ? java.awt.color.ColorSpace.CS_GRAY : java.awt.color.ColorSpace.CS_sRGB);
        java.awt.image.ComponentColorModel cm = new java.awt.image.ComponentColorModel(cs, false, false,
                java.awt.Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, 65535 * x / Math.max(1, w - 1));
                if (!grey) {
                    r.setSample(x, y, 1, 65535 * y / Math.max(1, h - 1));
                    r.setSample(x, y, 2, 12345);
                }
            }
        }
        return new BufferedImage(cm, r, false, null);
    }

    /** ARGB with a horizontal alpha ramp. */
    public static BufferedImage withAlphaRamp(int w, int h, long seed) {
        BufferedImage rgb = TestImages.gradientWithNoise(w, h, seed);
        BufferedImage argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = 255 * x / Math.max(1, w - 1);
                argb.setRGB(x, y, a << 24 | (rgb.getRGB(x, y) & 0xffffff));
            }
        }
        return argb;
    }

    /** A JPEG with an APP1 Exif segment (big-endian TIFF, IFD0 = one orientation entry) after SOI. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        return jpegWithExif(jpeg, tiffWithOrientation(orientation));
    }

    /**
     * A JPEG whose APP1 Exif block points its IFD far outside the file, and whose IFD at the usual
     * offset (where readers look instead) claims far more entries than the block holds.
     */
    public static byte[] withBrokenExif(byte[] jpeg) {
        byte[] tiff = tiffWithOrientation(6);
        tiff[4] = 0x7f; // IFD offset 0x7f000008
        tiff[8] = 0x7f; // 0x7f01 entries
        tiff[9] = 0x01;
        return jpegWithExif(jpeg, tiff);
    }

    /** A PNG with an eXIf chunk (orientation) inserted right after IHDR. */
    public static byte[] pngWithExifOrientation(byte[] png, int orientation) {
        return pngWithExif(png, tiffWithOrientation(orientation));
    }

    

    /** A PNG that declares w x h (valid IHDR and CRCs) with a tiny, wrong-sized IDAT. */
    public static byte[] pngDeclaring(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).order(ByteOrder.BIG_ENDIAN);
        ihdr.putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        out.writeBytes(pngChunk("IHDR", ihdr.array()));
        Deflater d = new Deflater();
        d.setInput(new byte[64]);
        d.finish();
        byte[] buf = new byte[256];
        int n = d.deflate(buf);
        out.writeBytes(pngChunk("IDAT", Arrays.copyOf(buf, n)));
        out.writeBytes(pngChunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** A baseline JPEG whose SOF0 is rewritten to declare w x h. */
    public static byte[] jpegDeclaring(byte[] jpeg, int w, int h) {
        byte[] b = jpeg.clone();
        for (int p = 2; p + 9 < b.length; ) {
            int marker = b[p + 1] & 0xff;
            int len = (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
            if (marker == 0xc0 || marker == 0xc2) {
                b[p + 5] = (byte) (h >> 8);
                b[p + 6] = (byte) h;
                b[p + 7] = (byte) (w >> 8);
                b[p + 8] = (byte) w;
                return b;
            }
            p += 2 + len;
        }
        throw new IllegalStateException("no SOF in the JPEG");
    }

    /** A BMP whose header declares w x h. */
    public static byte[] bmpDeclaring(byte[] bmp, int w, int h) {
        byte[] b = bmp.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(18, w).putInt(22, h);
        return b;
    }

    public static byte[] zip(String name, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    

    

    public static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void chunk(ByteArrayOutputStream out, String fourcc, byte[] data) {
        out.writeBytes(ascii(fourcc));
        out.writeBytes(le32(data.length));
        out.writeBytes(data);
        if (data.length % 2 == 1) {
            out.write(0);
        }
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static void put24(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
        b[at + 2] = (byte) (v >> 16);
    }
}
