package dev.stylefleet.platform.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Half-precision conversion: exact widening, round to nearest even, the edges of the range. */
class Float16Test {
    @Test
    void everyHalfSurvivesTheRoundTrip() {
        for (int h = 0; h < 0x10000; h++) {
            float f = Float16.toFloat((short) h);
            if (Float.isNaN(f)) {
                assertThat(Float.isNaN(Float16.toFloat(Float16.fromFloat(f)))).isTrue();
            } else {
                assertThat(Float16.fromFloat(f) & 0xffff).as("0x%04x", h).isEqualTo(h);
            }
        }
    }

    @Test
    void knownValues() {
        assertThat(Float16.fromFloat(1f)).isEqualTo((short) 0x3c00);
        assertThat(Float16.fromFloat(-2f)).isEqualTo((short) 0xc000);
        assertThat(Float16.fromFloat(0.1f)).isEqualTo((short) 0x2e66);
        assertThat(Float16.fromFloat(65504f)).isEqualTo((short) 0x7bff);
        assertThat(Float16.fromFloat(65519f)).isEqualTo((short) 0x7bff);
        assertThat(Float16.fromFloat(65520f)).as("halfway to 2^16 rounds to even: infinity").isEqualTo((short) 0x7c00);
        assertThat(Float16.fromFloat(0x1p-24f)).isEqualTo((short) 0x0001);
        assertThat(Float16.fromFloat(0x1p-25f)).as("halfway to the smallest subnormal: even, zero").isEqualTo((short) 0);
        assertThat(Float16.fromFloat(0x1.8p-25f)).isEqualTo((short) 0x0001);
        assertThat(Float16.fromFloat(0x1.8p-24f)).as("1.5 units: even, 2").isEqualTo((short) 0x0002);
        assertThat(Float16.fromFloat(0x1.ffcp-15f)).as("rounds up into the smallest normal").isEqualTo((short) 0x0400);
        assertThat(Float16.fromFloat(1f + 0x1p-11f)).as("halfway above 1: even, 1").isEqualTo((short) 0x3c00);
        assertThat(Float16.fromFloat(1f + 0x1.8p-10f)).as("1.5 ulp: even, 2 ulp").isEqualTo((short) 0x3c02);
        assertThat(Float16.fromFloat(Float.POSITIVE_INFINITY)).isEqualTo((short) 0x7c00);
        assertThat(Float16.fromFloat(-0f)).isEqualTo((short) 0x8000);
        assertThat(Float16.fromFloat(Float.MIN_VALUE)).isEqualTo((short) 0);
    }

    @Test
    void randomFloatsRoundToTheNearestHalf() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            float f = (float) (rnd.nextDouble(-1, 1) * Math.pow(2, rnd.nextInt(-26, 16)));
            short h = Float16.fromFloat(f);
            double err = Math.abs((double) Float16.toFloat(h) - f);
            // The neighbouring halves (same sign) are no closer.
            for (int step : new int[] {-1, 1}) {
                int n = (h & 0x7fff) + step;
                if (n < 0 || n > 0x7bff) {
                    continue;
                }
                double other = Math.abs((double) Float16.toFloat((short) ((h & 0x8000) | n)) - f);
                assertThat(err).as("%s -> 0x%04x", f, h).isLessThanOrEqualTo(other);
                if (err == other) {
                    assertThat(h & 1).as("tie to even for %s", f).isZero();
                }
            }
        }
    }
}
