package dev.stylefleet.infer.imaging;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Decoding inputs, tensor conversion and result encoding. */
public class ImageCodecTest {

    @Test
    void decodesAPngAndRoundTripsItThroughTheTensorLayout() {
        BufferedImage image = TestImages.gradientWithNoise(9, 5, 3);
        byte[] png = TestImages.png(image);

        assertThat(ImageDecoder.size(png)).isEqualTo(new ImageDecoder.Size(9, 5));
        BufferedImage decoded = ImageDecoder.decode(png);
        float[] nchw = ImageTensors.toNchw(decoded);
        // Planar layout: R plane, then G, then B.
        int rgb = image.getRGB(2, 3);
        assertThat(nchw[3 * 9 + 2]).isEqualTo((rgb >> 16) & 0xff);
        assertThat(nchw[45 + 3 * 9 + 2]).isEqualTo((rgb >> 8) & 0xff);
        assertThat(nchw[90 + 3 * 9 + 2]).isEqualTo(rgb & 0xff);

        BufferedImage back = ImageTensors.toImage(nchw, 5, 9);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 9; x++) {
                assertThat(back.getRGB(x, y) & 0xffffff).isEqualTo(image.getRGB(x, y) & 0xffffff);
            }
        }
    }

    @Test
    void garbageIsAnInvalidImage() {
        byte[] garbage = "this is not an image at all".getBytes();
        assertThatThrownBy(() -> ImageDecoder.size(garbage))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.INVALID_IMAGE));
        // A PNG signature followed by nonsense: recognised, then fails to decode.
        byte[] png = TestImages.png(TestImages.gradientWithNoise(8, 8, 1));
        byte[] truncated = java.util.Arrays.copyOf(png, 40);
        assertThatThrownBy(() -> ImageDecoder.decode(truncated))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.INVALID_IMAGE));
    }

    /**
     * Found by ImageDecoderFuzzTest: a lossless WebP cut short kept the TwelveMonkeys reader busy for
     * minutes (one EOFException per pixel symbol). It must be refused before the reader sees it.
     */
    @Test
    void aTruncatedLosslessWebpIsRefusedBeforeTheReaderStallsOnIt() throws Exception {
        byte[] stall;
        try (var in = ImageCodecTest.class.getResourceAsStream("ImageDecoderFuzzTestInputs/decode/crash-vp8l-stall")) {
            stall = in.readAllBytes();
        }
        assertThatThrownBy(() -> ImageDecoder.probe(stall, ImageLimits.defaults()))
                .isInstanceOfSatisfying(JobFailure.class, f -> {
                    assertThat(f.code()).isEqualTo(ErrorCode.INVALID_IMAGE);
                    assertThat(f.getMessage()).contains("truncated");
                });
    }

    @Test
    void roundsAndClampsOutOfRangeModelOutput() {
        float[] nchw = {-3f, 254.6f, Float.NaN, 300f, 127.5f, 0.49f};
        BufferedImage image = ImageTensors.toImage(nchw, 1, 2);
        assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo((0 << 16) | (0 << 8) | 128);
        assertThat(image.getRGB(1, 0) & 0xffffff).isEqualTo((255 << 16) | (255 << 8) | 0);
    }

    @Test
    void encodesPngJpegAndWebpAndRefusesAnUnknownFormatNamingTheField() throws Exception {
        BufferedImage image = TestImages.gradientWithNoise(16, 12, 5);
        ResultEncoder.Encoded png = ResultEncoder.encode(image, "png", null);
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.extension()).isEqualTo("png");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png.bytes()));
        assertThat(decoded.getRGB(7, 5) & 0xffffff).isEqualTo(image.getRGB(7, 5) & 0xffffff);

        ResultEncoder.Encoded jpeg = ResultEncoder.encode(image, "jpeg", 80);
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        assertThat(ImageIO.read(new ByteArrayInputStream(jpeg.bytes())).getWidth()).isEqualTo(16);

        ResultEncoder.Encoded webp = ResultEncoder.encode(image, "webp", 95);
        assertThat(webp.contentType()).isEqualTo("image/webp");
        assertThat(webp.extension()).isEqualTo("webp");
        BufferedImage back = ImageDecoder.decode(webp.bytes());
        assertThat(back.getWidth()).isEqualTo(16);
        assertThat(meanAbsDiff(back, image)).as("lossy WebP at quality 95 stays close").isLessThan(12);
        // Quality is honoured: a lower quality gives a smaller file.
        BufferedImage big = TestImages.gradientWithNoise(128, 96, 9);
        assertThat(ResultEncoder.encode(big, "webp", 20).bytes().length)
                .isLessThan(ResultEncoder.encode(big, "webp", 95).bytes().length);

        assertThatThrownBy(() -> ResultEncoder.encode(image, "tiff", null))
                .isInstanceOfSatisfying(JobFailure.class,
                        f -> assertThat(f.code()).isEqualTo(ErrorCode.UNSUPPORTED_OUTPUT_FORMAT))
                .hasMessageContaining("outputFormat").hasMessageContaining("png, jpeg, webp");
    }

    @Test
    void alphaPassesThroughPngAndWebpAndIsDroppedForJpeg() {
        BufferedImage argb = ImageFiles.withAlphaRamp(20, 10, 3);
        BufferedImage png = ImageDecoder.decode(ResultEncoder.encode(argb, "png", null).bytes());
        assertThat(png.getRGB(0, 4) >>> 24).isEqualTo(0);
        assertThat(png.getRGB(19, 4) >>> 24).isEqualTo(255);
        assertThat(png.getRGB(10, 4) >>> 24).isEqualTo(argb.getRGB(10, 4) >>> 24);
        BufferedImage webp = ImageDecoder.decode(ResultEncoder.encode(argb, "webp", 90).bytes());
        assertThat(webp.getColorModel().hasAlpha()).isTrue();
        assertThat(Math.abs((webp.getRGB(10, 4) >>> 24) - (argb.getRGB(10, 4) >>> 24))).isLessThanOrEqualTo(8);
        BufferedImage jpeg = ImageDecoder.decode(ResultEncoder.encode(argb, "jpeg", 90).bytes());
        assertThat(jpeg.getColorModel().hasAlpha()).isFalse();
    }

    @Test
    void sixteenBitSamplesKeepTheirPrecisionAndGreyIsNotGammaShifted() {
        BufferedImage wide = ImageFiles.sixteenBit(257, 2, false);
        float[] nchw = ImageTensors.toNchw(ImageDecoder.decode(ImageFiles.png(wide)));
        // Red ramps 0..65535 over 257 columns: sample 255 in column 1, which is 255 * 255/65535 of a level
        // (an 8-bit reduction would give 1).
        assertThat(nchw[1]).isCloseTo(255f * 255f / 65535f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(nchw[128]).isNotEqualTo(Math.round(nchw[128]));

        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 100, 255});
        float[] g = ImageTensors.toNchw(ImageDecoder.decode(ImageFiles.png(grey)));
        assertThat(g).containsExactly(0, 100, 255, 0, 100, 255, 0, 100, 255);
    }

    @Test
    void everyExifOrientationIsTurnedUpright() {
        BufferedImage upright = TestImages.gradientWithNoise(7, 4, 12);
        // What a camera stores for each orientation tag, given the upright picture.
        Map<Integer, BufferedImage> stored = Map.of(1, upright, 2, flipH(upright), 3, rotCW(rotCW(upright)),
                4, flipV(upright), 5, flipH(rotCW(upright)), 6, rotCW(rotCW(rotCW(upright))),
                7, flipV(rotCW(upright)), 8, rotCW(upright));
        for (int o = 1; o <= 8; o++) {
            byte[] png = ImageFiles.pngWithExifOrientation(ImageFiles.png(stored.get(o)), o);
            BufferedImage shown = ImageDecoder.decode(png);
            assertThat(shown.getWidth()).as("orientation %d width", o).isEqualTo(7);
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 7; x++) {
                    assertThat(shown.getRGB(x, y) & 0xffffff).as("orientation %d at %d,%d", o, x, y)
                            .isEqualTo(upright.getRGB(x, y) & 0xffffff);
                }
            }
        }
    }

    /** Rotates 90 degrees clockwise: (x,y) -> (h-1-y, x). */
    public static BufferedImage rotCW(BufferedImage s) {
        BufferedImage d = new BufferedImage(s.getHeight(), s.getWidth(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < s.getHeight(); y++) {
            for (int x = 0; x < s.getWidth(); x++) {
                d.setRGB(s.getHeight() - 1 - y, x, s.getRGB(x, y));
            }
        }
        return d;
    }

    public static BufferedImage flipH(BufferedImage s) {
        BufferedImage d = new BufferedImage(s.getWidth(), s.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < s.getHeight(); y++) {
            for (int x = 0; x < s.getWidth(); x++) {
                d.setRGB(s.getWidth() - 1 - x, y, s.getRGB(x, y));
            }
        }
        return d;
    }

    public static BufferedImage flipV(BufferedImage s) {
        BufferedImage d = new BufferedImage(s.getWidth(), s.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < s.getHeight(); y++) {
            for (int x = 0; x < s.getWidth(); x++) {
                d.setRGB(x, s.getHeight() - 1 - y, s.getRGB(x, y));
            }
        }
        return d;
    }

    public static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                    n++;
                }
            }
        }
        return sum / n;
    }
}
