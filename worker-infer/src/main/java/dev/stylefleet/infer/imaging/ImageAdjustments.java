package dev.stylefleet.infer.imaging;

import java.awt.RenderingHints;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

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
        return shrinkTo(src, Math.max(1, (int) Math.round(w * f)), Math.max(1, (int) Math.round(h * f)));
    }

    /**
     * The image shrunk to exactly {@code tw x th}: area-averaged by the largest power of two that keeps it
     * at least that size (a single bicubic step from far away aliases), then bicubic to the exact size.
     */
    public static BufferedImage shrinkTo(BufferedImage src, int tw, int th) {
        int k = 1;
        while (src.getWidth() / (2 * k) >= tw && src.getHeight() / (2 * k) >= th) {
            k *= 2;
        }
        BufferedImage cur = k == 1 ? toIntImage(src) : boxShrink(src, k);
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
        return boxShrink(src, 1);
    }

    /**
     * The image shrunk by {@code k} in both directions, each output pixel the mean of a k x k block
     * (the last {@code width % k} columns and {@code height % k} rows dropped), as packed 8-bit ints
     * (ARGB if it has alpha). Streams: reads {@code k} source rows at a time through {@link PixelSource},
     * so grey, palette and 16-bit sources are never copied at full size first (issue 15: a large decode
     * held the 16-bit raster, an int copy and every halving step at once). A k x k box equals the
     * repeated bilinear halving it replaces.
     */
    static BufferedImage boxShrink(BufferedImage src, int k) {
        PixelSource ps = new PixelSource(src);
        boolean alpha = ps.hasAlpha();
        int w = src.getWidth() / k;
        int h = src.getHeight() / k;
        int sw = w * k;
        BufferedImage dst = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) dst.getRaster().getDataBuffer()).getData();
        float[] row = new float[3 * sw];
        int[] a = new int[sw];
        float[] acc = new float[4 * w];
        float inv = 1f / (k * k);
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(acc, 0);
            for (int dy = 0; dy < k; dy++) {
                ps.readRgb(0, y * k + dy, sw, 1, row, 0);
                ps.readAlpha(0, y * k + dy, sw, a);
                for (int x = 0; x < sw; x++) {
                    int ox = x / k;
                    acc[ox] += row[x];
                    acc[w + ox] += row[sw + x];
                    acc[2 * w + ox] += row[2 * sw + x];
                    acc[3 * w + ox] += a[x];
                }
            }
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int av = alpha ? ImageTensors.level(acc[3 * w + x] * inv) : 0;
                out[base + x] = av << 24 | ImageTensors.level(acc[x] * inv) << 16
                        | ImageTensors.level(acc[w + x] * inv) << 8 | ImageTensors.level(acc[2 * w + x] * inv);
            }
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

    /**
     * {@code out} (a TYPE_INT_RGB image) with the alpha of {@code src} scaled to its size: transparency
     * passes through. The result shares {@code out}'s pixel array (only the alpha bits are written), and
     * where the sizes match the alpha is read a row at a time, so no second full-size image is made.
     */
    public static BufferedImage withAlpha(BufferedImage out, BufferedImage src) {
        int w = out.getWidth();
        int h = out.getHeight();
        int[] pixels = ImageTensors.pixels(out);
        int[] a = new int[w];
        if (src.getWidth() == w && src.getHeight() == h) {
            PixelSource ps = new PixelSource(src);
            for (int y = 0; y < h; y++) {
                ps.readAlpha(0, y, w, a);
                for (int x = 0; x < w; x++) {
                    pixels[y * w + x] = a[x] << 24 | (pixels[y * w + x] & 0xffffff);
                }
            }
        } else {
            BufferedImage alphaSrc = resize(toIntImage(src), w, h);
            for (int y = 0; y < h; y++) {
                alphaSrc.getRGB(0, y, w, 1, a, 0, w);
                for (int x = 0; x < w; x++) {
                    pixels[y * w + x] = (a[x] & 0xff000000) | (pixels[y * w + x] & 0xffffff);
                }
            }
        }
        DirectColorModel argb = (DirectColorModel) ColorModel.getRGBdefault();
        WritableRaster raster = Raster.createPackedRaster(out.getRaster().getDataBuffer(), w, h, w,
                argb.getMasks(), null);
        return new BufferedImage(argb, raster, false, null);
    }

    private static int clamp(double v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) Math.round(v);
    }
}
