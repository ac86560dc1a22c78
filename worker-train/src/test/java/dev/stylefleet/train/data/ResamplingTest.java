package dev.stylefleet.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResamplingTest {

    @Test
    void symmetricBordersMirrorIndices() {
        assertThat(Resampling.mirror(-1, 5)).isEqualTo(0);
        assertThat(Resampling.mirror(-2, 5)).isEqualTo(1);
        assertThat(Resampling.mirror(5, 5)).isEqualTo(4);
        assertThat(Resampling.mirror(6, 5)).isEqualTo(3);
        assertThat(Resampling.mirror(3, 5)).isEqualTo(3);
    }

    @Test
    void halvingAveragesNeighboursAndKeepsConstants() {
        // A horizontal ramp v = 10 x over 16 columns; halving with pixel centres aligned puts output
        // pixel i at source position 2i + 0.5, and a symmetric kernel that sums to one reproduces a
        // linear ramp exactly where it does not reach the borders.
        float[] v = new float[16 * 4 * 3];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 16; x++) {
                for (int c = 0; c < 3; c++) {
                    v[(y * 16 + x) * 3 + c] = x * 10 + c;
                }
            }
        }
        RgbImage half = Resampling.bicubic(new RgbImage(16, 4, v), 8, 2);
        assertThat(half.at(3, 0, 0)).isEqualTo(65f, within(1e-3f));
        assertThat(half.at(4, 1, 0)).isEqualTo(85f, within(1e-3f));
        assertThat(half.at(4, 1, 2)).isEqualTo(87f, within(1e-3f));

        RgbImage flat = new RgbImage(5, 7, filled(5 * 7 * 3, 80f));
        for (float x : Resampling.bicubic(flat, 13, 3).rgb()) {
            assertThat(x).isEqualTo(80f, within(1e-3f));
        }
        for (float x : Resampling.gaussianBlur(flat, 1.0).rgb()) {
            assertThat(x).isEqualTo(80f, within(1e-3f));
        }
    }

    @Test
    void gaussianBlurSpreadsAnImpulseWithUnitSum() {
        float[] v = new float[9 * 9 * 3];
        v[(4 * 9 + 4) * 3] = 1000f;
        RgbImage blurred = Resampling.gaussianBlur(new RgbImage(9, 9, v), 1.0);
        double sum = 0;
        for (int i = 0; i < blurred.rgb().length; i += 3) {
            sum += blurred.rgb()[i];
        }
        assertThat(sum).isEqualTo(1000.0, within(1e-2));
        // Centre weight of the normalised 7x7 sigma-1 kernel: sum_{-3..3} e^{-i^2/2}
        // = 1 + 2 (0.606531 + 0.135335 + 0.011109) = 2.505950, and (1 / 2.505950)^2 = 0.159241.
        assertThat(blurred.at(4, 4, 0)).isEqualTo(159.241f, within(0.01f));
        assertThat(blurred.at(5, 4, 0)).isEqualTo(159.241f * (float) Math.exp(-0.5), within(0.01f));
    }

    private static float[] filled(int n, float value) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, value);
        return v;
    }
}
