package dev.stylefleet.train.pretrained;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Float16Test {

    @Test
    void knownValues() {
        assertThat(Float16.fromFloat(1f)).isEqualTo((short) 0x3c00);
        assertThat(Float16.fromFloat(-2f)).isEqualTo((short) 0xc000);
        assertThat(Float16.fromFloat(65504f)).isEqualTo((short) 0x7bff);
        assertThat(Float16.fromFloat(0x1p-24f)).isEqualTo((short) 0x0001); // smallest subnormal
        assertThat(Float16.fromFloat(0x1p-14f)).isEqualTo((short) 0x0400); // smallest normal
        assertThat(Float16.fromFloat(0.1f)).isEqualTo((short) 0x2e66);
        assertThat(Float16.fromFloat(0f)).isEqualTo((short) 0);
        assertThat(Float16.fromFloat(-0f)).isEqualTo((short) 0x8000);
        assertThat(Float16.fromFloat(1e6f)).isEqualTo((short) 0x7c00);
        assertThat(Float16.toFloat((short) 0x3555)).isEqualTo(0.33325195f);
    }

    @Test
    void tiesRoundToEven() {
        // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: rounds to 1 (even mantissa).
        assertThat(Float16.fromFloat(1f + 0x1p-11f)).isEqualTo((short) 0x3c00);
        // 1 + 3 * 2^-11 is halfway between 1 + 2^-10 (odd) and 1 + 2^-9: rounds up.
        assertThat(Float16.fromFloat(1f + 3 * 0x1p-11f)).isEqualTo((short) 0x3c02);
        // Halfway between 0 and the smallest subnormal: to zero; a bit more: up.
        assertThat(Float16.fromFloat(0x1p-25f)).isEqualTo((short) 0);
        assertThat(Float16.fromFloat(0x1.1p-25f)).isEqualTo((short) 1);
    }

    @Test
    void everyHalfRoundTrips() {
        for (int h = 0; h < 0x10000; h++) {
            short s = (short) h;
            float f = Float16.toFloat(s);
            if (Float.isNaN(f)) {
                assertThat(Float.isNaN(Float16.toFloat(Float16.fromFloat(f)))).isTrue();
            } else {
                assertThat(Float16.fromFloat(f)).as("half 0x%04x", h).isEqualTo(s);
            }
        }
    }

    @Test
    void roundingIsNearest() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            float f = (float) rnd.nextDouble(-70000, 70000) * (float) Math.pow(10, -rnd.nextInt(8));
            if (Math.abs(f) > Float16.MAX) {
                continue;
            }
            float r = Float16.round(f);
            // Half has 11 significant bits: relative error at most 2^-11 for normals, absolute 2^-25 below.
            assertThat((double) Math.abs(r - f)).isLessThanOrEqualTo(Math.max(Math.abs(f) * 0x1p-11, 0x1p-25));
        }
    }
}
