package dev.stylefleet.train.net;

import java.util.SplittableRandom;

/** Small images generated in code (tests never read ../shared/data). */
public final class TestImages {
    private TestImages() {}

    /** NHWC [n, h, w, 3] in [0, 255]: smooth gradients plus noise, so every layer sees structure. */
    public static FloatTensor nhwc(int n, int h, int w, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[n * h * w * 3];
        int i = 0;
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        double base = 127.5 + 100 * Math.sin((x + 1.3 * y) * (0.07 + 0.03 * c) + b);
                        v[i++] = (float) Math.max(0, Math.min(255, base + rnd.nextDouble(-25, 25)));
                    }
                }
            }
        }
        return new FloatTensor(new long[] {n, h, w, 3}, v);
    }
}
