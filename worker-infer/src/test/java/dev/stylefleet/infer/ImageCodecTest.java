package dev.stylefleet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Decoding inputs, tensor conversion and result encoding. */
class ImageCodecTest {

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

    @Test
    void roundsAndClampsOutOfRangeModelOutput() {
        float[] nchw = {-3f, 254.6f, Float.NaN, 300f, 127.5f, 0.49f};
        BufferedImage image = ImageTensors.toImage(nchw, 1, 2);
        assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo((0 << 16) | (0 << 8) | 128);
        assertThat(image.getRGB(1, 0) & 0xffffff).isEqualTo((255 << 16) | (255 << 8) | 0);
    }

    @Test
    void encodesPngAndJpegAndRefusesWebpNamingTheField() throws Exception {
        BufferedImage image = TestImages.gradientWithNoise(16, 12, 5);
        ResultEncoder.Encoded png = ResultEncoder.encode(image, "png", null);
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.extension()).isEqualTo("png");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png.bytes()));
        assertThat(decoded.getRGB(7, 5) & 0xffffff).isEqualTo(image.getRGB(7, 5) & 0xffffff);

        ResultEncoder.Encoded jpeg = ResultEncoder.encode(image, "jpeg", 80);
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        assertThat(ImageIO.read(new ByteArrayInputStream(jpeg.bytes())).getWidth()).isEqualTo(16);

        assertThatThrownBy(() -> ResultEncoder.encode(image, "webp", null))
                .isInstanceOfSatisfying(JobFailure.class,
                        f -> assertThat(f.code()).isEqualTo(ErrorCode.UNSUPPORTED_OUTPUT_FORMAT))
                .hasMessageContaining("outputFormat").hasMessageContaining("png, jpeg");
    }
}
