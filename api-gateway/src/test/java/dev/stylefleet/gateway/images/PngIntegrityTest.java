package dev.stylefleet.gateway.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.gateway.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** PNGs written by ImageIO and by hand (interlaced, broken in each way a decoder can notice). */
class PngIntegrityTest {

    /** Issue 15: every valid colour type x bit depth x tRNS x Adam7 combination passes the check. */
    @Test
    void acceptsEveryVariantOfThePngMatrix() {
        for (dev.stylefleet.platform.imaging.PngVariant v : dev.stylefleet.platform.imaging.PngVariant.all()) {
            assertThatCode(() -> PngIntegrity.verify(v.bytes())).as("%s", v).doesNotThrowAnyException();
        }
        for (int[] size : new int[][] {{1, 1}, {3, 2}, {9, 1}}) {
            for (dev.stylefleet.platform.imaging.PngVariant v
                    : dev.stylefleet.platform.imaging.PngVariant.all(size[0], size[1])) {
                assertThatCode(() -> PngIntegrity.verify(v.bytes())).as("%s", v).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void acceptsEveryColourTypeImageIoWrites() throws IOException {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_4BYTE_ABGR,
            BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_BYTE_INDEXED,
            BufferedImage.TYPE_BYTE_BINARY}) {
            BufferedImage img = new BufferedImage(37, 23, type);
            Random r = new Random(type);
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) {
                    img.setRGB(x, y, r.nextInt());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            assertThatCode(() -> PngIntegrity.verify(out.toByteArray())).as("image type %d", type).doesNotThrowAnyException();
        }
    }

    @Test
    void acceptsInterlacedImagesThatImageIoDecodes() throws Exception {
        for (int[] size : new int[][] {{1, 1}, {3, 2}, {8, 8}, {13, 7}, {64, 33}}) {
            for (int[] typeAndDepth : new int[][] {{2, 8}, {6, 16}, {0, 1}, {0, 4}}) {
                byte[] png = png(size[0], size[1], typeAndDepth[0], typeAndDepth[1], true, 0, 0);
                BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
                assertThat(decoded.getWidth()).isEqualTo(size[0]);
                PngIntegrity.verify(png);
            }
        }
    }

    @Test
    void refusesEveryTruncation() throws Exception {
        byte[] png = TestImages.png(40, 30);
        PngIntegrity.verify(png);
        for (int cut = 0; cut < png.length; cut += Math.max(1, png.length / 200)) {
            byte[] prefix = Arrays.copyOf(png, cut);
            assertThatThrownBy(() -> PngIntegrity.verify(prefix)).as("first %d of %d bytes", cut, png.length)
                    .isInstanceOf(PngIntegrity.CorruptException.class);
        }
    }

    @Test
    void refusesAFlippedBitThroughTheCrc() throws Exception {
        byte[] png = TestImages.png(40, 30);
        png[png.length / 2] ^= 0x10;
        assertThatThrownBy(() -> PngIntegrity.verify(png)).hasMessageContaining("CRC");
    }

    @Test
    void refusesAnUnknownFilterType() throws Exception {
        PngIntegrity.verify(png(16, 4, 2, 8, false, 0, 0));
        assertThatThrownBy(() -> PngIntegrity.verify(png(16, 4, 2, 8, false, 5, 0)))
                .hasMessageContaining("filter type 5");
    }

    @Test
    void refusesPixelDataOfTheWrongLength() {
        assertThatThrownBy(() -> PngIntegrity.verify(png(16, 4, 2, 8, false, 0, -1)))
                .isInstanceOf(PngIntegrity.CorruptException.class);
        assertThatThrownBy(() -> PngIntegrity.verify(png(16, 4, 2, 8, false, 0, +7)))
                .hasMessageContaining("more than");
    }

    @Test
    void refusesMissingOrMisplacedChunks() throws Exception {
        byte[] ihdr = ihdr(4, 4, 2, 8, false);
        byte[] idat = chunk("IDAT", deflate(raw(4, 4, 3, 0, 0)));
        byte[] iend = chunk("IEND", new byte[0]);
        byte[] text = chunk("tEXt", "a\0b".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> PngIntegrity.verify(concat(sig(), ihdr, iend))).hasMessageContaining("no IDAT");
        assertThatThrownBy(() -> PngIntegrity.verify(concat(sig(), ihdr, idat))).hasMessageContaining("IEND");
        assertThatThrownBy(() -> PngIntegrity.verify(concat(sig(), idat, ihdr, iend))).hasMessageContaining("not IHDR");
        assertThatThrownBy(() -> PngIntegrity.verify(concat(sig(), ihdr(4, 4, 3, 8, false), chunk("IDAT",
                deflate(new byte[4 * 5])), iend))).hasMessageContaining("PLTE");
        assertThatThrownBy(() -> PngIntegrity.verify(concat(sig(), ihdr(4, 4, 2, 7, false), idat, iend)))
                .hasMessageContaining("bit depth 7");
        PngIntegrity.verify(concat(sig(), ihdr, text, idat, text, iend));
    }

    @Test
    void refusesIdatChunksThatAreNotConsecutive() throws Exception {
        byte[] data = deflate(raw(8, 8, 3, 0, 0));
        byte[] first = chunk("IDAT", Arrays.copyOf(data, data.length / 2));
        byte[] second = chunk("IDAT", Arrays.copyOfRange(data, data.length / 2, data.length));
        byte[] text = chunk("tEXt", "a\0b".getBytes(StandardCharsets.ISO_8859_1));
        PngIntegrity.verify(concat(sig(), ihdr(8, 8, 2, 8, false), first, second, chunk("IEND", new byte[0])));
        assertThatThrownBy(() -> PngIntegrity.verify(concat(sig(), ihdr(8, 8, 2, 8, false), first, text, second,
                chunk("IEND", new byte[0])))).hasMessageContaining("consecutive");
    }

    // --- a minimal PNG writer -------------------------------------------------------------------

    /** A PNG of random pixels; {@code filter} is every row's filter byte, {@code extra} bytes added to the data (negative: removed). */
    static byte[] png(int w, int h, int colorType, int depth, boolean interlaced, int filter, int extra) throws IOException {
        int channels = switch (colorType) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            default -> 4;
        };
        int bits = channels * depth;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        Random r = new Random(w * 31L + h);
        int[][] passes = interlaced
                ? new int[][] {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}
                : new int[][] {{0, 0, 1, 1}};
        for (int[] p : passes) {
            int pw = w > p[0] ? (w - p[0] + p[2] - 1) / p[2] : 0;
            int ph = h > p[1] ? (h - p[1] + p[3] - 1) / p[3] : 0;
            if (pw == 0 || ph == 0) {
                continue;
            }
            int rowBytes = (pw * bits + 7) / 8;
            for (int y = 0; y < ph; y++) {
                raw.write(filter);
                byte[] row = new byte[rowBytes];
                r.nextBytes(row);
                raw.writeBytes(row);
            }
        }
        byte[] data = raw.toByteArray();
        data = Arrays.copyOf(data, data.length + extra);
        return concat(sig(), ihdr(w, h, colorType, depth, interlaced), chunk("IDAT", deflate(data)),
                chunk("IEND", new byte[0]));
    }

    private static byte[] raw(int w, int h, int channels, int filter, int extra) {
        byte[] data = new byte[h * (1 + w * channels) + extra];
        for (int y = 0; y < h; y++) {
            data[y * (1 + w * channels)] = (byte) filter;
        }
        return data;
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static byte[] sig() {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    }

    private static byte[] ihdr(int w, int h, int colorType, int depth, boolean interlaced) {
        return chunk("IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) depth).put((byte) colorType)
                .put((byte) 0).put((byte) 0).put((byte) (interlaced ? 1 : 0)).array());
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(t).put(data).putInt((int) crc.getValue())
                .array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
