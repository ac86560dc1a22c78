package dev.stylefleet.infer.imaging;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;

/**
 * Reads rectangles of an image as the model interface wants them: planar RGB float in [0,255]
 * (NCHW without the N), with coordinates outside the image reflected (numpy/ONNX "reflect": the edge
 * pixel is not repeated). Reflection is how the transform networks pad (Johnson et al. 2016,
 * supplementary: reflection padding avoids border artifacts), so padding to a tile or to the size a
 * network needs looks like more of the picture rather than a black frame.
 *
 * <p>16-bit and grey images are read from their raw samples: {@code getRGB} would drop 16-bit
 * precision and, for grey, apply a linear-to-sRGB conversion that brightens the picture.
 */
public final class PixelSource {
    private final BufferedImage image;
    private final int width;
    private final int height;
    /** Raw-sample path: bands per pixel and the factor to [0,255]; 0 bands = use getRGB. */
    private final int bands;
    private final float toLevels;
    /** Raw-sample path only: the alpha band and its factor to [0,255]; -1 = no alpha band in the raster. */
    private final int alphaBand;
    private final float alphaToLevels;
    private final boolean alpha;

    public PixelSource(BufferedImage image) {
        this.image = image;
        this.width = image.getWidth();
        this.height = image.getHeight();
        int b = 0;
        float f = 1;
        int ab = -1;
        float af = 1;
        if (image.getColorModel() instanceof ComponentColorModel cm && !cm.isAlphaPremultiplied()) {
            int type = cm.getColorSpace().getType();
            int n = cm.getNumComponents();
            boolean grey = type == ColorSpace.TYPE_GRAY && (n == 1 || n == 2);
            boolean rgb = type == ColorSpace.TYPE_RGB && (n == 3 || n == 4);
            int bits = cm.getComponentSize(0);
            if ((grey || rgb) && bits >= 1 && bits <= 16) {
                b = n;
                f = 255f / ((1 << bits) - 1);
                if (cm.hasAlpha()) {
                    ab = n - 1;
                    af = 255f / ((1 << cm.getComponentSize(ab)) - 1);
                }
            }
        }
        this.bands = b;
        this.toLevels = f;
        this.alphaBand = ab;
        this.alphaToLevels = af;
        this.alpha = image.getColorModel().hasAlpha();
    }

    /** Whether the image has transparency, wherever its colour model keeps it (alpha band, palette...). */
    public boolean hasAlpha() {
        return alpha;
    }

    /**
     * Writes the alpha of the {@code w} pixels of row {@code y} from {@code x0} into {@code dst} as 8-bit
     * levels (255 where the image has no alpha). Read through the colour model unless the raster holds an
     * alpha band: a palette image keeps its transparency (PNG tRNS) in the palette, and has no alpha
     * raster at all (issue 15: assuming one failed such uploads with a NullPointerException).
     */
    public void readAlpha(int x0, int y, int w, int[] dst) {
        if (!alpha) {
            java.util.Arrays.fill(dst, 0, w, 255);
        } else if (alphaBand >= 0) {
            image.getRaster().getSamples(x0, y, w, 1, alphaBand, dst);
            if (alphaToLevels != 1f) {
                for (int i = 0; i < w; i++) {
                    dst[i] = Math.round(dst[i] * alphaToLevels);
                }
            }
        } else {
            image.getRGB(x0, y, w, 1, dst, 0, w);
            for (int i = 0; i < w; i++) {
                dst[i] >>>= 24;
            }
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public BufferedImage image() {
        return image;
    }

    /** Index into [0,n) by reflection without repeating the edge: -1 -> 1, n -> n-2. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /**
     * Writes the w x h rectangle at (x0,y0) into {@code dst} from {@code offset}: the R plane, then G,
     * then B, each w*h floats.
     */
    public void readRgb(int x0, int y0, int w, int h, float[] dst, int offset) {
        int[] cols = new int[w];
        int cmin = Integer.MAX_VALUE;
        int cmax = Integer.MIN_VALUE;
        for (int i = 0; i < w; i++) {
            cols[i] = reflect(x0 + i, width);
            cmin = Math.min(cmin, cols[i]);
            cmax = Math.max(cmax, cols[i]);
        }
        int span = cmax - cmin + 1;
        int plane = w * h;
        Raster raster = image.getRaster();
        int[] row = new int[span * Math.max(1, bands)];
        for (int y = 0; y < h; y++) {
            int sy = reflect(y0 + y, height);
            int o = offset + y * w;
            if (bands == 0) {
                image.getRGB(cmin, sy, span, 1, row, 0, span);
                for (int i = 0; i < w; i++) {
                    int p = row[cols[i] - cmin];
                    dst[o + i] = (p >> 16) & 0xff;
                    dst[o + plane + i] = (p >> 8) & 0xff;
                    dst[o + 2 * plane + i] = p & 0xff;
                }
            } else {
                raster.getPixels(cmin, sy, span, 1, row);
                boolean grey = bands <= 2;
                for (int i = 0; i < w; i++) {
                    int k = (cols[i] - cmin) * bands;
                    float r = row[k] * toLevels;
                    dst[o + i] = r;
                    dst[o + plane + i] = grey ? r : row[k + 1] * toLevels;
                    dst[o + 2 * plane + i] = grey ? r : row[k + 2] * toLevels;
                }
            }
        }
    }
}
