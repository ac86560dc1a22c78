package dev.stylefleet.infer;

/**
 * Where tiles start along one axis, and their feathered blend weights. Tiles are {@code tile} long and
 * overlap by at least {@code overlap}: starts 0, t-o, 2(t-o), ... and a last tile flush with the end,
 * so every tile has the same length (one tensor shape: sessions reuse their buffers and same-size
 * tiles can be batched). An axis no longer than a tile has one tile, of the axis' length.
 *
 * <p>Weight: 1 inside, falling linearly to ~0 across the {@code overlap} pixels next to a side that
 * borders another tile (pixels near a tile's edge saw padding, not picture: they count least). Sides
 * on the image border keep weight 1. Blending divides by the summed weights, so the weights need not
 * add up to one where more than two tiles meet.
 */
final class TileGrid {
    final int length;
    final int tile;
    final int overlap;
    final int[] starts;

    TileGrid(int length, int tile, int overlap) {
        if (overlap < 0 || overlap * 2 > tile) {
            throw new IllegalArgumentException("tile overlap must be in [0, tile/2], was " + overlap + " for tile " + tile);
        }
        this.length = length;
        this.overlap = overlap;
        if (length <= tile) {
            this.tile = length;
            this.starts = new int[] {0};
            return;
        }
        this.tile = tile;
        int stride = tile - overlap;
        int n = 1 + (int) Math.ceil((double) (length - tile) / stride);
        starts = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = Math.min(i * stride, length - tile);
        }
    }

    int count() {
        return starts.length;
    }

    /** Weight of position {@code p} (0 <= p < tile, input pixels; fractional for output pixels at scale > 1) inside tile {@code i}. */
    float weight(int i, float p) {
        if (overlap == 0) {
            return 1f;
        }
        float w = 1f;
        if (i > 0) {
            w = Math.min(w, (p + 0.5f) / overlap);
        }
        if (i < starts.length - 1) {
            w = Math.min(w, (tile - p - 0.5f) / overlap);
        }
        return Math.max(w, 1e-3f);
    }
}
