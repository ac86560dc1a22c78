package dev.stylefleet.infer.imaging;

import java.awt.RenderingHints;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * The per-job options applied around the network (issue 7, section 4), all on 8-bit RGB:
 *
 * <ul>
 *   <li>{@link #downscale} ({@code maxSide}): the input is shrunk first so its longer side fits;
 *       area-averaging in halving steps, then bicubic to the exact size, so no aliasing.</li>
 *   <li>{@link #histogramMatch} (super-resolution): each channel of the output is mapped through
 *       its CDF onto the CDF of the same channel of the input, the post-processing Johnson et al.
 *       2016 apply to their super-resolution results (section 4.2) to undo colour shifts.</li>
 *   <li>{@link #preserveColor}: the output's luminance with the input's chroma (BT.601 YCbCr), the
 *       luminance-only transfer of Gatys et al. 2016 "Preserving color in neural artistic style
 *       transfer" (the style's colours are dropped, its strokes kept).</li>
 *   <li>{@link #blend} ({@code strength} s): {@code s * output + (1 - s) * input}.</li>
 * </ul>
 *
 * For super-resolution the "input" of the last two is the input upscaled bicubically to the output.
 */
public final class ImageAdjustments {
    private ImageAdjustments() {}

    /** The image scaled so that max(width, height) <= maxSide; the same object when it already fits. */
    public static BufferedImage downscale(BufferedImage src, int maxSide) {
        int w = src.getWidth();
        int h = src.getHeight();
        if (Math.max(w, h) <= maxSide) {
            return src;
        }
        double f = (double) maxSide / Math.max(w, h);
        int tw = Math.max(1, (int) Math.round(w * f));
        int th = Math.max(1, (int) Math.round(h * f));
        BufferedImage cur = toIntImage(src);
        // Halve while more than twice too big: a single bicubic step from far away aliases.
        while (cur.getWidth() / 2 >= tw && cur.getHeight() / 2 >= th) {
            cur = resize(cur, cur.getWidth() / 2, cur.getHeight() / 2, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        return resize(cur, tw, th, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    /** Bicubic resize to w x h (used to bring the input to the output's size for super-resolution). */
    public static BufferedImage resize(BufferedImage src, int w, int h) {
        if (src.getWidth() == w && src.getHeight() == h) {
            return src;
        }
        return resize(toIntImage(src), w, h, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    private static BufferedImage resize(BufferedImage src, int w, int h, Object interpolation) {
        BufferedImage dst = new BufferedImage(w, h, src.getColorModel().hasAlpha()
                ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setComposite(java.awt.AlphaComposite.Src);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return dst;
    }

    /** The image as packed 8-bit ints (ARGB if it has alpha), reading grey and 16-bit through PixelSource. */
    public static BufferedImage toIntImage(BufferedImage src) {
        int type = src.getType();
        if (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB) {
            return src;
        }
        boolean alpha = src.getColorModel().hasAlpha();
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage dst = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        PixelSource ps = new PixelSource(src);
        float[] row = new float[3 * w];
        int[] argb = new int[w];
        int[] a = alpha ? new int[w] : null;
        for (int y = 0; y < h; y++) {
            ps.readRgb(0, y, w, 1, row, 0);
            if (alpha) {
                src.getAlphaRaster().getSamples(0, y, w, 1, 0, a);
            }
            int alphaBits = alpha ? src.getColorModel().getComponentSize(src.getColorModel().getNumComponents() - 1) : 8;
            for (int x = 0; x < w; x++) {
                int av = alpha ? (alphaBits == 8 ? a[x] : Math.round(a[x] * 255f / ((1 << alphaBits) - 1))) : 255;
                argb[x] = av << 24 | ImageTensors.level(row[x]) << 16 | ImageTensors.level(row[w + x]) << 8
                        | ImageTensors.level(row[2 * w + x]);
            }
            dst.setRGB(0, y, w, 1, argb, 0, w);
        }
        return dst;
    }

    /** Maps each channel of {@code out} (in place) onto the histogram of the same channel of {@code ref}. */
    public static void histogramMatch(BufferedImage out, BufferedImage ref) {
        long[][] refHist = histogram(ref);
        long[][] outHist = histogram(out);
        int[][] map = new int[3][256];
        for (int c = 0; c < 3; c++) {
            double[] refCdf = cdf(refHist[c]);
            double[] outCdf = cdf(outHist[c]);
            int j = 0;
            for (int v = 0; v < 256; v++) {
                // The reference quantile at the middle of this level's CDF step (the step's top would
                // bias every level upwards by up to one).
                double mid = (outCdf[v] + (v == 0 ? 0 : outCdf[v - 1])) / 2;
                while (j < 255 && refCdf[j] < mid - 1e-12) {
                    j++;
                }
                map[c][v] = j;
            }
        }
        int w = out.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < out.getHeight(); y++) {
            out.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                row[x] = (p & 0xff000000) | map[0][(p >> 16) & 0xff] << 16 | map[1][(p >> 8) & 0xff] << 8
                        | map[2][p & 0xff];
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
    }

    private static long[][] histogram(BufferedImage image) {
        long[][] h = new long[3][256];
        int w = image.getWidth();
        if (image.getType() != BufferedImage.TYPE_INT_RGB && image.getType() != BufferedImage.TYPE_INT_ARGB) {
            image = toIntImage(image);
        }
        int[] row = new int[w];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int p : row) {
                h[0][(p >> 16) & 0xff]++;
                h[1][(p >> 8) & 0xff]++;
                h[2][p & 0xff]++;
            }
        }
        return h;
    }

    private static double[] cdf(long[] hist) {
        double total = 0;
        for (long v : hist) {
            total += v;
        }
        double[] c = new double[256];
        double run = 0;
        for (int i = 0; i < 256; i++) {
            run += hist[i];
            c[i] = run / total;
        }
        return c;
    }

    /** Output luminance, reference chroma (in place); {@code ref} has the output's size. */
    public static void preserveColor(BufferedImage out, BufferedImage ref) {
        int w = out.getWidth();
        int[] o = new int[w];
        int[] r = new int[w];
        for (int y = 0; y < out.getHeight(); y++) {
            out.getRGB(0, y, w, 1, o, 0, w);
            ref.getRGB(0, y, w, 1, r, 0, w);
            for (int x = 0; x < w; x++) {
                int po = o[x];
                int pr = r[x];
                double lum = 0.299 * ((po >> 16) & 0xff) + 0.587 * ((po >> 8) & 0xff) + 0.114 * (po & 0xff);
                int rr = (pr >> 16) & 0xff;
                int rg = (pr >> 8) & 0xff;
                int rb = pr & 0xff;
                double cb = -0.168736 * rr - 0.331264 * rg + 0.5 * rb;
                double cr = 0.5 * rr - 0.418688 * rg - 0.081312 * rb;
                o[x] = (po & 0xff000000) | clamp(lum + 1.402 * cr) << 16
                        | clamp(lum - 0.344136 * cb - 0.714136 * cr) << 8 | clamp(lum + 1.772 * cb);
            }
            out.setRGB(0, y, w, 1, o, 0, w);
        }
    }

    /** {@code strength * out + (1 - strength) * ref} (in place); {@code ref} has the output's size. */
    public static void blend(BufferedImage out, BufferedImage ref, double strength) {
        int w = out.getWidth();
        int[] o = new int[w];
        int[] r = new int[w];
        double k = 1 - strength;
        for (int y = 0; y < out.getHeight(); y++) {
            out.getRGB(0, y, w, 1, o, 0, w);
            ref.getRGB(0, y, w, 1, r, 0, w);
            for (int x = 0; x < w; x++) {
                int po = o[x];
                int pr = r[x];
                o[x] = (po & 0xff000000)
                        | clamp(strength * ((po >> 16) & 0xff) + k * ((pr >> 16) & 0xff)) << 16
                        | clamp(strength * ((po >> 8) & 0xff) + k * ((pr >> 8) & 0xff)) << 8
                        | clamp(strength * (po & 0xff) + k * (pr & 0xff));
            }
            out.setRGB(0, y, w, 1, o, 0, w);
        }
    }

    /** {@code out} (RGB) with the alpha of {@code src} scaled to its size: transparency passes through. */
    public static BufferedImage withAlpha(BufferedImage out, BufferedImage src) {
        BufferedImage alphaSrc = resize(toIntImage(src), out.getWidth(), out.getHeight());
        int w = out.getWidth();
        BufferedImage dst = new BufferedImage(w, out.getHeight(), BufferedImage.TYPE_INT_ARGB);
        int[] o = new int[w];
        int[] a = new int[w];
        for (int y = 0; y < out.getHeight(); y++) {
            out.getRGB(0, y, w, 1, o, 0, w);
            alphaSrc.getRGB(0, y, w, 1, a, 0, w);
            for (int x = 0; x < w; x++) {
                o[x] = (a[x] & 0xff000000) | (o[x] & 0xffffff);
            }
            dst.setRGB(0, y, w, 1, o, 0, w);
        }
        return dst;
    }

    private static int clamp(double v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) Math.round(v);
    }
}
