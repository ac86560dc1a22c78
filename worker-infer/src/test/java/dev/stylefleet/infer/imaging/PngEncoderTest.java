package dev.stylefleet.infer.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Random;
import java.util.zip.Adler32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The fast PNG writer: every filter, level and band split decodes (by ImageIO) to exactly the pixels written. */
class PngEncoderTest {

    static BufferedImage image(int w, int h, boolean alpha, long seed) {
        BufferedImage img = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // A gradient with noise: runs for deflate, and every filter's predictions get used.
                int v = (x * 3 + y * 5 + r.nextInt(16)) & 0xff;
                int a = alpha ? (x * 7 + y) & 0xff : 0xff;
                img.setRGB(x, y, a << 24 | v << 16 | (255 - v) << 8 | (v ^ y) & 0xff);
            }
        }
        return img;
    }

    static void assertSamePixels(BufferedImage expected, byte[] png) throws Exception {
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(back.getWidth()).isEqualTo(expected.getWidth());
        assertThat(back.getHeight()).isEqualTo(expected.getHeight());
        assertThat(back.getColorModel().hasAlpha()).isEqualTo(expected.getColorModel().hasAlpha());
        int w = expected.getWidth();
        int h = expected.getHeight();
        assertThat(back.getRGB(0, 0, w, h, null, 0, w)).isEqualTo(expected.getRGB(0, 0, w, h, null, 0, w));
    }

    @Test
    void everyFilterAndLevelRoundTripsExactly() throws Exception {
        for (boolean alpha : new boolean[] {false, true}) {
            BufferedImage img = image(97, 61, alpha, 7);
            for (PngEncoder.Filter f : PngEncoder.Filter.values()) {
                for (int level : new int[] {0, 1, 6, 9}) {
                    assertSamePixels(img, new PngEncoder(level, f, 1).encode(img));
                }
            }
        }
    }

    @Test
    void bandsDeflatedInParallelMakeOneValidStream() throws Exception {
        // 1200 x 900 RGB: 3.2 MB of filtered rows, several bands of at least 1 MiB.
        BufferedImage img = image(1200, 900, false, 3);
        byte[] one = new PngEncoder(1, PngEncoder.Filter.SUB, 1).encode(img);
        byte[] four = new PngEncoder(1, PngEncoder.Filter.SUB, 4).encode(img);
        assertSamePixels(img, one);
        assertSamePixels(img, four);
        // A small image split into as many bands as threads, one row each at the extreme.
        BufferedImage tiny = image(5, 3, true, 1);
        assertSamePixels(tiny, new PngEncoder(1, PngEncoder.Filter.PAETH, 3).encode(tiny));
        assertSamePixels(tiny, new PngEncoder(9, PngEncoder.Filter.UP, 8).encode(tiny));
    }

    @Test
    void subImagesAndOtherTypesAreReadThroughTheirPixels() throws Exception {
        BufferedImage img = image(64, 48, false, 5).getSubimage(3, 4, 40, 30);
        assertSamePixels(img, new PngEncoder(1, PngEncoder.Filter.SUB, 2).encode(img));
        BufferedImage bgr = new BufferedImage(33, 21, BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(image(33, 21, false, 9), 0, 0, null);
        assertSamePixels(bgr, new PngEncoder(1, PngEncoder.Filter.AVERAGE, 2).encode(bgr));
    }

    @Test
    void adlerCombineMatchesOneChecksumOverTheWhole() {
        byte[] a = new byte[70_000];
        byte[] b = new byte[123_457];
        new Random(1).nextBytes(a);
        new Random(2).nextBytes(b);
        Adler32 whole = new Adler32();
        whole.update(a);
        whole.update(b);
        Adler32 sa = new Adler32();
        sa.update(a);
        Adler32 sb = new Adler32();
        sb.update(b);
        assertThat(PngEncoder.adlerCombine(sa.getValue(), sb.getValue(), b.length)).isEqualTo(whole.getValue());
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new PngEncoder(10, PngEncoder.Filter.SUB, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PngEncoder(1, PngEncoder.Filter.SUB, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PngEncoder.Filter.parse(" Paeth")).isEqualTo(PngEncoder.Filter.PAETH);
        assertThatThrownBy(() -> PngEncoder.Filter.parse("best")).hasMessageContaining("allowed");
    }

    @Test
    void resultEncoderUsesItForPngAndImageIoWithoutIt() throws Exception {
        BufferedImage img = image(50, 40, false, 11);
        ResultEncoder.Encoded fast = ResultEncoder.encode(img, "png", null, new PngEncoder(1, PngEncoder.Filter.SUB, 2));
        ResultEncoder.Encoded old = ResultEncoder.encode(img, "png", null, null);
        assertThat(fast.contentType()).isEqualTo("image/png");
        assertSamePixels(img, fast.bytes());
        assertSamePixels(img, old.bytes());
    }
}
