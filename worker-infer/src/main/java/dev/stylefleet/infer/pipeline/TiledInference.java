package dev.stylefleet.infer.pipeline;

import dev.stylefleet.infer.imaging.ImageTensors;
import dev.stylefleet.infer.imaging.PixelSource;
import dev.stylefleet.infer.model.ModelRunner;

import java.awt.image.BufferedImage;

/**
 * Runs a model over an image of any size (section 3 of issue 7). Small images go through in one
 * piece, reflect-padded on the right and bottom to a multiple of {@code padMultiple} (a network with
 * two stride-2 convolutions needs a multiple of 4 to give back its input size) and cropped back.
 * Images whose output exceeds {@code tileAbovePixels} run as overlapping tiles of one size, blended
 * with the feathered weights of {@link TileGrid}.
 *
 * <p>Memory while tiling is bounded by the tile, not the image, beyond the input and output images
 * themselves: one tile's input and output tensors, and an accumulator band one tile row high
 * (3 floats + 1 weight per output pixel of that band; for a 8000-pixel-wide output and 512-pixel tiles
 * 64 MiB). Tile rows are processed top to bottom; once a row is done, the output rows above the next
 * tile row's start can receive no more contributions and are written out.
 */
public final class TiledInference {
    private final int tileSize;
    private final int overlap;
    private final int padMultiple;
    private final long tileAbovePixels;
    /** A model with a fixed input size: every run is exactly this [H, W], tiling always. */
    private final int[] fixedTile;

    /**
     * @param tileSize        tile side in output pixels (input side = tileSize / scale)
     * @param overlap         overlap between tiles in input pixels
     * @param padMultiple     input sides are padded to a multiple of this
     * @param tileAbovePixels outputs with more pixels than this are tiled
     */
    public TiledInference(int tileSize, int overlap, int padMultiple, long tileAbovePixels) {
        if (padMultiple < 1 || tileSize < 1 || overlap < 0 || tileAbovePixels < 1) {
            throw new IllegalArgumentException("tiling settings must be positive: tile " + tileSize + ", overlap "
                    + overlap + ", pad multiple " + padMultiple + ", tile above " + tileAbovePixels);
        }
        this.tileSize = tileSize;
        this.overlap = overlap;
        this.padMultiple = padMultiple;
        this.tileAbovePixels = tileAbovePixels;
        this.fixedTile = null;
    }

    private TiledInference(int[] fixed, int overlap) {
        this.tileSize = Math.max(fixed[0], fixed[1]);
        this.overlap = overlap;
        this.padMultiple = 1;
        this.tileAbovePixels = 0;
        this.fixedTile = fixed.clone();
    }

    /** For a model that only accepts inputs of [H, W] = {@code fixed}: tiles of exactly that size. */
    public static TiledInference fixed(int[] fixed, int overlap) {
        return new TiledInference(fixed, Math.min(overlap, Math.min(fixed[0], fixed[1]) / 2));
    }

    /** Whether an image of this size at this scale will be tiled. */
    public boolean tiles(int width, int height, int scale) {
        return fixedTile != null || (long) width * height * scale * scale > tileAbovePixels;
    }

    /** The model's output for the whole image, 8-bit RGB, (w*s) x (h*s). */
    public BufferedImage run(ModelRunner model, PixelSource src, int scale) {
        int w = src.width();
        int h = src.height();
        if (!tiles(w, h, scale)) {
            int pw = roundUp(w);
            int ph = roundUp(h);
            float[] in = new float[3 * pw * ph];
            src.readRgb(0, 0, pw, ph, in, 0);
            float[] out = model.run(in, ph, pw);
            return ImageTensors.toImage(out, ph * scale, pw * scale, w * scale, h * scale);
        }
        // Tile side in input pixels: a multiple of padMultiple, at least twice the overlap plus one step.
        int tileIn = Math.max(roundUp(2 * overlap + padMultiple), roundDown(Math.max(padMultiple, tileSize / scale)));
        int tileInW = fixedTile != null ? fixedTile[1] : tileIn;
        int tileInH = fixedTile != null ? fixedTile[0] : tileIn;
        TileGrid xs = new TileGrid(w, tileInW, Math.min(overlap, tileInW / 2));
        TileGrid ys = new TileGrid(h, tileInH, Math.min(overlap, tileInH / 2));
        // Tensor size: the tile padded to the multiple, or the fixed size (reflect-padded when the image is smaller).
        int tw = fixedTile != null ? fixedTile[1] : roundUp(xs.tile);
        int th = fixedTile != null ? fixedTile[0] : roundUp(ys.tile);
        int outW = w * scale;
        int outH = h * scale;
        int bandH = ys.tile * scale;
        float[] acc = new float[3 * bandH * outW];
        float[] wsum = new float[bandH * outW];
        int bandPlane = bandH * outW;
        BufferedImage result = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ImageTensors.pixels(result);
        float[] in = new float[3 * tw * th];
        float[] wx = new float[xs.tile * scale];
        for (int r = 0; r < ys.count(); r++) {
            int y0 = ys.starts[r];
            int bandStart = y0 * scale;
            for (int c = 0; c < xs.count(); c++) {
                int x0 = xs.starts[c];
                src.readRgb(x0, y0, tw, th, in, 0);
                float[] out = model.run(in, th, tw);
                int opw = tw * scale;
                int oPlane = opw * th * scale;
                for (int q = 0; q < wx.length; q++) {
                    wx[q] = xs.weight(c, (q + 0.5f) / scale - 0.5f);
                }
                for (int qy = 0; qy < ys.tile * scale; qy++) {
                    float wy = ys.weight(r, (qy + 0.5f) / scale - 0.5f);
                    int bandRow = qy; // band starts at this tile row's first output row
                    int accBase = bandRow * outW + x0 * scale;
                    int outBase = qy * opw;
                    for (int qx = 0; qx < xs.tile * scale; qx++) {
                        float wgt = wx[qx] * wy;
                        int a = accBase + qx;
                        int o = outBase + qx;
                        acc[a] += wgt * out[o];
                        acc[bandPlane + a] += wgt * out[oPlane + o];
                        acc[2 * bandPlane + a] += wgt * out[2 * oPlane + o];
                        wsum[a] += wgt;
                    }
                }
            }
            // Rows before the next tile row's start are final.
            int doneUntil = r + 1 < ys.count() ? ys.starts[r + 1] * scale : outH;
            int rows = doneUntil - bandStart;
            for (int by = 0; by < rows; by++) {
                int base = by * outW;
                int out = (bandStart + by) * outW;
                for (int x = 0; x < outW; x++) {
                    float inv = 1f / wsum[base + x];
                    pixels[out + x] = ImageTensors.level(acc[base + x] * inv) << 16
                            | ImageTensors.level(acc[bandPlane + base + x] * inv) << 8
                            | ImageTensors.level(acc[2 * bandPlane + base + x] * inv);
                }
            }
            // Shift the unfinished rows to the top of the band and clear the rest.
            int keep = bandH - rows;
            if (keep > 0 && rows > 0) {
                for (int ch = 0; ch < 3; ch++) {
                    System.arraycopy(acc, ch * bandPlane + rows * outW, acc, ch * bandPlane, keep * outW);
                }
                System.arraycopy(wsum, rows * outW, wsum, 0, keep * outW);
            }
            int from = Math.max(0, keep) * outW;
            for (int ch = 0; ch < 3; ch++) {
                java.util.Arrays.fill(acc, ch * bandPlane + from, (ch + 1) * bandPlane, 0f);
            }
            java.util.Arrays.fill(wsum, from, bandPlane, 0f);
        }
        return result;
    }

    private int roundUp(int v) {
        return (v + padMultiple - 1) / padMultiple * padMultiple;
    }

    private int roundDown(int v) {
        return Math.max(padMultiple, v / padMultiple * padMultiple);
    }
}
