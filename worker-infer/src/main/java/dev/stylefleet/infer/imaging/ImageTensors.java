package dev.stylefleet.infer.imaging;

import java.awt.image.BufferedImage;

/**
 * Images to and from the model interface's tensor layout: float32 NCHW [1,3,H,W], RGB, values in
 * [0,255] (the pytorch/examples fast-neural-style convention; no mean subtraction, no scaling).
 */
public final class ImageTensors {
    private ImageTensors() {}

    /** The RGB planes of an image, [1,3,H,W] flattened (alpha is handled apart, see AlphaChannel). */
    public static float[] toNchw(BufferedImage image) {
        float[] out = new float[3 * image.getWidth() * image.getHeight()];
        new PixelSource(image).readRgb(0, 0, image.getWidth(), image.getHeight(), out, 0);
        return out;
    }

    /**
     * An 8-bit RGB image from the first item of an NCHW [N,3,H,W] float tensor: round to nearest,
     * clamp to [0,255] (models are asked to stay in range; a stray value must not wrap around).
     */
    public static BufferedImage toImage(float[] nchw, int h, int w) {
        return toImage(nchw, h, w, w, h);
    }

    /** As {@link #toImage(float[], int, int)}, keeping only the top-left {@code cropW x cropH} (padding removed). */
    public static BufferedImage toImage(float[] nchw, int h, int w, int cropW, int cropH) {
        int plane = w * h;
        if (nchw.length < 3 * plane) {
            throw new IllegalArgumentException("tensor has " + nchw.length + " values, [1,3," + h + "," + w
                    + "] needs " + 3 * plane);
        }
        BufferedImage image = new BufferedImage(cropW, cropH, BufferedImage.TYPE_INT_RGB);
        int[] pixels = pixels(image);
        for (int y = 0; y < cropH; y++) {
            int base = y * w;
            int out = y * cropW;
            for (int x = 0; x < cropW; x++) {
                int i = base + x;
                pixels[out + x] = (level(nchw[i]) << 16) | (level(nchw[plane + i]) << 8) | level(nchw[2 * plane + i]);
            }
        }
        return image;
    }

    /**
     * The pixel array behind a {@code TYPE_INT_RGB} image, one 0xRRGGBB int per pixel, row by row.
     * Written directly: {@code setRGB} converts every pixel through the colour model, which cost more
     * than the inference itself for a bicubic upscale.
     */
    public static int[] pixels(BufferedImage rgb) {
        if (rgb.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expected a TYPE_INT_RGB image, got type " + rgb.getType());
        }
        return ((java.awt.image.DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
    }

    /**
     * Nearest 8-bit level; NaN becomes 0. Rounds half up like {@link Math#round(float)}: a float plus
     * 0.5 is exact in double, so truncating that equals floor(v + 0.5) for positive v, without
     * Math.round's slower general path (this runs for every channel of every output pixel).
     */
    public static int level(float v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 255 ? 255 : (int) (v + 0.5d);
    }
}
