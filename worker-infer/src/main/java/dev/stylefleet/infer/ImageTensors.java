package dev.stylefleet.infer;

import java.awt.image.BufferedImage;

/**
 * Images to and from the model interface's tensor layout: float32 NCHW [1,3,H,W], RGB, values in
 * [0,255] (the pytorch/examples fast-neural-style convention; no mean subtraction, no scaling).
 */
public final class ImageTensors {
    private ImageTensors() {}

    /** The RGB planes of an image, [1,3,H,W] flattened. Alpha is dropped (compositing can come later). */
    public static float[] toNchw(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int plane = w * h;
        // getRGB converts every ImageIO type (grey, palette, 16-bit) to 8-bit sRGB packed ints.
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            out[i] = (p >> 16) & 0xff;
            out[plane + i] = (p >> 8) & 0xff;
            out[2 * plane + i] = p & 0xff;
        }
        return out;
    }

    /**
     * An 8-bit RGB image from the first item of an NCHW [N,3,H,W] float tensor: round to nearest,
     * clamp to [0,255] (models are asked to stay in range; a stray value must not wrap around).
     */
    public static BufferedImage toImage(float[] nchw, int h, int w) {
        int plane = w * h;
        if (nchw.length < 3 * plane) {
            throw new IllegalArgumentException("tensor has " + nchw.length + " values, [1,3," + h + "," + w
                    + "] needs " + 3 * plane);
        }
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = (level(nchw[i]) << 16) | (level(nchw[plane + i]) << 8) | level(nchw[2 * plane + i]);
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, w, h, rgb, 0, w);
        return image;
    }

    /** Nearest 8-bit level; NaN becomes 0. */
    static int level(float v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 255 ? 255 : Math.round(v);
    }
}
