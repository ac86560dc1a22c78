package dev.stylefleet.platform.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeysCubicTest {
    @Test
    void interpolatesAndHasTheValuesOfAMinusOneHalf() {
        assertThat(KeysCubic.weight(0)).isEqualTo(1);
        assertThat(KeysCubic.weight(1)).isEqualTo(0);
        assertThat(KeysCubic.weight(-2)).isEqualTo(0);
        assertThat(KeysCubic.weight(2.5)).isEqualTo(0);
        // 1.5 |x|^3 - 2.5 |x|^2 + 1 inside, -0.5 |x|^3 + 2.5 |x|^2 - 4 |x| + 2 outside.
        assertThat(KeysCubic.weight(0.5)).isEqualTo(0.5625);
        assertThat(KeysCubic.weight(-1.5)).isEqualTo(-0.0625);
    }

    @Test
    void everyPhaseSumsToOneAndSamplesHalfPixelCentres() {
        for (int s = 2; s <= 8; s++) {
            for (int p = 0; p < s; p++) {
                assertThat(Arrays.stream(KeysCubic.phaseWeights(s, p)).sum()).isCloseTo(1, within(1e-12));
            }
        }
        // x2, phase 0 samples at -0.25: offsets -2..2 weigh keys(1.75), keys(0.75), keys(0.25), keys(1.25), 0.
        double[] w = KeysCubic.phaseWeights(2, 0);
        assertThat(w[0]).isEqualTo(KeysCubic.weight(1.75));
        assertThat(w[2]).isEqualTo(KeysCubic.weight(0.25));
        assertThat(w[4]).isEqualTo(0);
        float[] f = KeysCubic.phaseFilters(2);
        assertThat(f).hasSize(4 * KeysCubic.TAPS * KeysCubic.TAPS);
        // Filter (py, px) = (0, 1), tap (2, 3): wy[0][2] * wx[1][3].
        assertThat(f[KeysCubic.TAPS * KeysCubic.TAPS + 2 * KeysCubic.TAPS + 3])
                .isEqualTo((float) (w[2] * KeysCubic.phaseWeights(2, 1)[3]));
    }
}
