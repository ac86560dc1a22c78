package dev.stylefleet.infer.pipeline;

import java.awt.image.BufferedImage;

/**
 * Looks for a step at tile borders. A seam is a place where the tiled output jumps relative to the
 * untiled one: in the difference image D = tiled - untiled, the mean over a border column of
 * |D(x) - D(x-1)| (and the same for border rows). Away from seams D varies smoothly, so the worst
 * value over every tile start and end, in both axes, measures the most visible seam (in 8-bit levels).
 */
final class SeamDetector {
    private SeamDetector() {}

    static double worstStep(BufferedImage whole, BufferedImage tiled, TileGrid xs, TileGrid ys, int scale) {
        double worst = 0;
        for (int i = 0; i < xs.count(); i++) {
            for (int edge : new int[] {xs.starts[i], xs.starts[i] + xs.tile}) {
                int x = edge * scale;
                if (x > 0 && x < whole.getWidth()) {
                    worst = Math.max(worst, columnStep(whole, tiled, x));
                }
            }
        }
        for (int i = 0; i < ys.count(); i++) {
            for (int edge : new int[] {ys.starts[i], ys.starts[i] + ys.tile}) {
                int y = edge * scale;
                if (y > 0 && y < whole.getHeight()) {
                    worst = Math.max(worst, rowStep(whole, tiled, y));
                }
            }
        }
        return worst;
    }

    private static double columnStep(BufferedImage a, BufferedImage b, int x) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            sum += Math.abs(diff(a, b, x, y) - diff(a, b, x - 1, y));
        }
        return sum / a.getHeight() / 3;
    }

    private static double rowStep(BufferedImage a, BufferedImage b, int y) {
        double sum = 0;
        for (int x = 0; x < a.getWidth(); x++) {
            sum += Math.abs(diff(a, b, x, y) - diff(a, b, x, y - 1));
        }
        return sum / a.getWidth() / 3;
    }

    /** Sum over channels of |...| would hide opposite signs; returns the summed signed channel diffs' magnitude. */
    private static double diff(BufferedImage a, BufferedImage b, int x, int y) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        double d = 0;
        for (int s = 0; s < 24; s += 8) {
            d += ((q >> s) & 0xff) - ((p >> s) & 0xff);
        }
        return d;
    }
}
