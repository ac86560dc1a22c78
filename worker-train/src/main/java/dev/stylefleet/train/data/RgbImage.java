package dev.stylefleet.train.data;

import dev.stylefleet.train.net.FloatTensor;
import java.awt.image.BufferedImage;

/**
 * An RGB image as floats: row-major [height, width, 3], values in [0, 255] (not necessarily whole
 * numbers: resampling keeps fractions until an image is written out).
 */
public record RgbImage(int width, int height, float[] rgb) {

    public RgbImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image must be at least 1x1, got " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException(width + "x" + height + "x3 needs " + width * height * 3
                    + " values, got " + rgb.length);
        }
    }

    public float at(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c];
    }

    public static RgbImage of(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] v = new float[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            v[3 * i] = (p >> 16) & 0xff;
            v[3 * i + 1] = (p >> 8) & 0xff;
            v[3 * i + 2] = p & 0xff;
        }
        return new RgbImage(w, h, v);
    }

    /** Rounded and clamped to 8 bits per channel. */
    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (byte8(rgb[3 * i]) << 16) | (byte8(rgb[3 * i + 1]) << 8) | byte8(rgb[3 * i + 2]);
        }
        img.setRGB(0, 0, width, height, argb, 0, width);
        return img;
    }

    /** The same image with every value rounded to a whole number in [0, 255], as an 8-bit file would hold it. */
    public RgbImage quantized() {
        float[] v = new float[rgb.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = byte8(rgb[i]);
        }
        return new RgbImage(width, height, v);
    }

    static int byte8(float v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** A region of this image. */
    public RgbImage crop(int x0, int y0, int w, int h) {
        if (x0 < 0 || y0 < 0 || x0 + w > width || y0 + h > height || w < 1 || h < 1) {
            throw new IllegalArgumentException("crop " + x0 + "," + y0 + " " + w + "x" + h + " outside "
                    + width + "x" + height);
        }
        float[] v = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(rgb, ((y0 + y) * width + x0) * 3, v, y * w * 3, w * 3);
        }
        return new RgbImage(w, h, v);
    }

    public RgbImage flippedHorizontally() {
        float[] v = new float[rgb.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                System.arraycopy(rgb, (y * width + x) * 3, v, (y * width + (width - 1 - x)) * 3, 3);
            }
        }
        return new RgbImage(width, height, v);
    }

    /** A batch of one, NHWC [1, H, W, 3]. */
    public FloatTensor toNhwc() {
        return new FloatTensor(new long[] {1, height, width, 3}, rgb.clone());
    }

    /** Image {@code index} of an NHWC batch. */
    public static RgbImage fromNhwc(FloatTensor t, int index) {
        long[] s = t.shape();
        if (s.length != 4 || s[3] != 3) {
            throw new IllegalArgumentException("expected NHWC [N, H, W, 3], got " + java.util.Arrays.toString(s));
        }
        int h = (int) s[1];
        int w = (int) s[2];
        float[] v = new float[h * w * 3];
        System.arraycopy(t.values(), index * v.length, v, 0, v.length);
        return new RgbImage(w, h, v);
    }

    /** Stacks equally sized images into an NHWC batch. */
    public static FloatTensor batch(java.util.List<RgbImage> images) {
        RgbImage first = images.get(0);
        int n = first.rgb.length;
        float[] v = new float[n * images.size()];
        for (int i = 0; i < images.size(); i++) {
            RgbImage img = images.get(i);
            if (img.width != first.width || img.height != first.height) {
                throw new IllegalArgumentException("batch images differ in size: " + first.width + "x"
                        + first.height + " and " + img.width + "x" + img.height);
            }
            System.arraycopy(img.rgb, 0, v, i * n, n);
        }
        return new FloatTensor(new long[] {images.size(), first.height, first.width, 3}, v);
    }
}
