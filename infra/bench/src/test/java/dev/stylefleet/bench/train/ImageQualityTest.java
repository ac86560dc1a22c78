package dev.stylefleet.bench.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stylefleet.train.data.RgbImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** PSNR and SSIM against values computed by hand from their definitions. */
class ImageQualityTest {

    @Test
    void yIsBt601StudioRange() {
        RgbImage px = new RgbImage(4, 1, new float[] {0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0, 255});
        double[] y = ImageQuality.y(px).values();
        // 16 + (65.481 + 128.553 + 24.966) = 16 + 219 = 235 for white; 16 + 65.481 for pure red.
        assertThat(y[0]).isEqualTo(16.0, within(1e-9));
        assertThat(y[1]).isEqualTo(235.0, within(1e-9));
        assertThat(y[2]).isEqualTo(81.481, within(1e-9));
        assertThat(y[3]).isEqualTo(40.966, within(1e-9));
    }

    @Test
    void psnrOfAConstantDifference() {
        // Grey 100 vs grey 110: Y differs by 219 * 10 / 255 = 8.588235 everywhere, so
        // PSNR = 20 log10(255 / 8.588235) = 20 log10(29.691781) = 29.4527 dB.
        RgbImage a = grey(20, 20, 100);
        RgbImage b = grey(20, 20, 110);
        assertThat(ImageQuality.psnr(ImageQuality.y(a), ImageQuality.y(b))).isEqualTo(29.4527, within(1e-4));
        assertThat(ImageQuality.psnr(ImageQuality.y(a), ImageQuality.y(a))).isInfinite();
    }

    @Test
    void ssimOfConstantPlanesIsTheLuminanceTerm() {
        // No variance: SSIM = (2 mx my + C1) / (mx^2 + my^2 + C1), C1 = (0.01 * 255)^2 = 6.5025:
        // (28000 + 6.5025) / (10000 + 19600 + 6.5025) = 0.945958.
        ImageQuality.Plane a = plane(12, 12, 100);
        ImageQuality.Plane b = plane(12, 12, 140);
        assertThat(ImageQuality.ssim(a, b)).isEqualTo(0.945958, within(1e-6));
        assertThat(ImageQuality.ssim(a, a)).isEqualTo(1.0, within(1e-12));
    }

    @Test
    void ssimOfAMirroredBumpInOneWindow() {
        // 11x11 (one window position). x = 100 with 150 in the centre; y = 200 - x (50 in the centre).
        // Centre weight of the normalised window: w = 1 / (sum_{i=-5..5} e^{-i^2 / 4.5})^2
        //   = 1 / 3.759233^2 = 0.0707622.
        // mx = 100 + 50 w = 103.5381, my = 96.4619, var x = var y = w (1 - w) 50^2 = 164.3874, cov = -164.3874.
        // luminance (2 mx my + C1) / (mx^2 + my^2 + C1) = 0.997500 (C1 = 6.5025);
        // contrast-structure (2 cov + C2) / (var x + var y + C2) = -0.697790 (C2 = 58.5225).
        // SSIM = -0.696046.
        ImageQuality.Plane x = plane(11, 11, 100);
        ImageQuality.Plane y = plane(11, 11, 100);
        x.values()[60] = 150;
        y.values()[60] = 50;
        assertThat(ImageQuality.ssim(x, y)).isEqualTo(-0.696046, within(1e-6));
    }

    @Test
    void scoringCropsToTheScaleAndIgnoresTheBorder() {
        // 27x26 at scale 2: cropped to 26x26, then 2 pixels shaved off each side: 22x22 scored.
        RgbImage a = grey(27, 26, 90);
        float[] v = a.rgb().clone();
        // Differences only where scoring does not look: the cropped last column and the border.
        for (int y = 0; y < 26; y++) {
            set(v, 27, 26, y, 200);
            set(v, 27, 0, y, 10);
            set(v, 27, 1, y, 10);
        }
        RgbImage b = new RgbImage(27, 26, v);
        ImageQuality.Score s = ImageQuality.score(a, b, 2);
        assertThat(s.psnr()).isInfinite();
        assertThat(s.ssim()).isEqualTo(1.0, within(1e-12));
        // One pixel inside counts.
        set(v, 27, 2, 5, 10);
        assertThat(ImageQuality.score(a, new RgbImage(27, 26, v), 2).psnr()).isFinite();
        assertThatThrownBy(() -> ImageQuality.ssim(plane(10, 12, 1), plane(10, 12, 1)))
                .hasMessageContaining("at least 11x11");
    }

    private static void set(float[] v, int width, int x, int y, float value) {
        Arrays.fill(v, (y * width + x) * 3, (y * width + x) * 3 + 3, value);
    }

    private static RgbImage grey(int w, int h, float value) {
        float[] v = new float[w * h * 3];
        Arrays.fill(v, value);
        return new RgbImage(w, h, v);
    }

    private static ImageQuality.Plane plane(int w, int h, double value) {
        double[] v = new double[w * h];
        Arrays.fill(v, value);
        return new ImageQuality.Plane(w, h, v);
    }
}
