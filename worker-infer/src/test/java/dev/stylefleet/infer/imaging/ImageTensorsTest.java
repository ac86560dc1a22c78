package dev.stylefleet.infer.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageTensorsTest {

    @Test
    void levelRoundsExactlyLikeMathRoundAndClamps() {
        for (int k = 0; k < 256; k++) {
            for (float base : new float[] {k, k + 0.5f}) {
                float v = base;
                float w = base;
                for (int step = 0; step < 4; step++) {
                    // the halfway points and their closest neighbours are where a float sum would round wrongly
                    assertThat(ImageTensors.level(v)).as("%s", v).isEqualTo(expected(v));
                    assertThat(ImageTensors.level(w)).as("%s", w).isEqualTo(expected(w));
                    v = Math.nextUp(v);
                    w = Math.nextDown(w);
                }
            }
        }
        Random r = new Random(7);
        for (int i = 0; i < 1_000_000; i++) {
            float v = r.nextFloat() * 300 - 20;
            assertThat(ImageTensors.level(v)).isEqualTo(expected(v));
        }
        assertThat(ImageTensors.level(Float.NaN)).isZero();
        assertThat(ImageTensors.level(Float.NEGATIVE_INFINITY)).isZero();
        assertThat(ImageTensors.level(Float.POSITIVE_INFINITY)).isEqualTo(255);
        assertThat(ImageTensors.level(0.49999997f)).isZero();
    }

    private static int expected(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    @Test
    void toImageCropsPaddingAndPlacesChannels() {
        int w = 5;
        int h = 3;
        float[] nchw = new float[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            nchw[i] = i;               // red
            nchw[w * h + i] = 100 + i; // green
            nchw[2 * w * h + i] = 254.6f; // blue, rounds to 255
        }
        BufferedImage img = ImageTensors.toImage(nchw, h, w, 4, 2);
        assertThat(img.getWidth()).isEqualTo(4);
        assertThat(img.getHeight()).isEqualTo(2);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                int i = y * w + x;
                assertThat(img.getRGB(x, y) & 0xffffff).isEqualTo(i << 16 | (100 + i) << 8 | 255);
            }
        }
    }
}
