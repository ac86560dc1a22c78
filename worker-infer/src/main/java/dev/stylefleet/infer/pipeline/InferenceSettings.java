package dev.stylefleet.infer.pipeline;

import dev.stylefleet.infer.imaging.PngEncoder;
import dev.stylefleet.infer.imaging.ImageLimits;
import dev.stylefleet.infer.model.ExecutionDevice;

import java.time.Duration;
import java.util.Objects;

/**
 * How the worker runs models and treats images (issue 7); produced by {@code InferWorkerConfig.inference()} (messaging).
 *
 * @param device          {@code stylefleet.infer.device}: auto | cpu | cuda
 * @param modelCacheBytes {@code stylefleet.infer.model-cache-bytes}: model-file bytes of cached sessions
 * @param limits          input limits (max-input-bytes, max-input-pixels)
 * @param tileSize        {@code stylefleet.infer.tile-size}: tile side in output pixels
 * @param tileOverlap     {@code stylefleet.infer.tile-overlap}: overlap between tiles in input pixels
 * @param padMultiple     {@code stylefleet.infer.pad-multiple}: style inputs are reflect-padded to a multiple
 * @param tileAbovePixels {@code stylefleet.infer.tile-above-pixels}: outputs larger than this are tiled
 * @param batchWindow     {@code stylefleet.infer.batch-window}: how long a run waits for company (0 = off)
 * @param maxBatch        {@code stylefleet.infer.max-batch}: most images in one session run
 * @param concurrency     {@code stylefleet.infer.concurrency}: jobs one worker runs at once
 * @param png             {@code stylefleet.infer.png-encoder} and its settings: the PNG writer results go
 *                        through; null = ImageIO's ({@code png-encoder=imageio})
 */
public record InferenceSettings(
        ExecutionDevice device,
        long modelCacheBytes,
        ImageLimits limits,
        int tileSize,
        int tileOverlap,
        int padMultiple,
        long tileAbovePixels,
        Duration batchWindow,
        int maxBatch,
        int concurrency,
        PngEncoder png) {

    /**
     * The fast PNG writer's defaults: deflate level 1, Up filter, every core. Measured on a 4096 x 3072
     * photo (2 cores): 396 ms, 8.2 MB against ImageIO's 831 ms, 13.2 MB; Sub 413 ms / 9.3 MB, Paeth
     * 784 ms / 8.3 MB, level 3 1244 ms (docs/benchmarks.md, "A photo's whole trip").
     */
    public static final PngEncoder DEFAULT_PNG = new PngEncoder(
            1, PngEncoder.Filter.UP, Runtime.getRuntime().availableProcessors());

    /** As the canonical constructor, with the default PNG writer ({@link #DEFAULT_PNG}). */
    public InferenceSettings(ExecutionDevice device, long modelCacheBytes, ImageLimits limits, int tileSize,
            int tileOverlap, int padMultiple, long tileAbovePixels, Duration batchWindow, int maxBatch,
            int concurrency) {
        this(device, modelCacheBytes, limits, tileSize, tileOverlap, padMultiple, tileAbovePixels, batchWindow,
                maxBatch, concurrency, DEFAULT_PNG);
    }

    public InferenceSettings withPng(PngEncoder p) {
        return new InferenceSettings(device, modelCacheBytes, limits, tileSize, tileOverlap, padMultiple,
                tileAbovePixels, batchWindow, maxBatch, concurrency, p);
    }

    /** 2 GiB of model files: about 1000 style networks (1.7 MB each) or a few large imported ones. */
    public static final long DEFAULT_MODEL_CACHE_BYTES = 2L << 30;
    /** 512: one tile's activations in the style net (32 channels at full size) stay near 32 MiB each. */
    public static final int DEFAULT_TILE_SIZE = 512;
    /**
     * 32 input pixels: past the distance over which a random-weight style net's output still depends
     * measurably on its zero-padded border (measured by TiledInferenceTest's seam check).
     */
    public static final int DEFAULT_TILE_OVERLAP = 32;
    /** Two stride-2 downsamplings (Johnson et al. 2016, Table 1) need sides divisible by 4. */
    public static final int DEFAULT_PAD_MULTIPLE = 4;
    /** 1024 x 1024 output pixels: above this, one untiled run's activations pass 1 GiB. */
    public static final long DEFAULT_TILE_ABOVE_PIXELS = 1024L * 1024L;
    /** 5 ms: small next to a 256-pixel style inference (tens of ms), enough for concurrent jobs to meet. */
    public static final Duration DEFAULT_BATCH_WINDOW = Duration.ofMillis(5);
    public static final int DEFAULT_MAX_BATCH = 8;
    /** Jobs in flight per worker: enough for micro-batching to find company. */
    public static final int DEFAULT_CONCURRENCY = 4;

    public InferenceSettings {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(batchWindow, "batchWindow");
        positive("model-cache-bytes", modelCacheBytes);
        positive("tile-size", tileSize);
        positive("pad-multiple", padMultiple);
        positive("tile-above-pixels", tileAbovePixels);
        positive("max-batch", maxBatch);
        positive("concurrency", concurrency);
        if (tileOverlap < 0) {
            throw new IllegalArgumentException("stylefleet.infer.tile-overlap must be >= 0, was " + tileOverlap);
        }
        if (batchWindow.isNegative()) {
            throw new IllegalArgumentException("stylefleet.infer.batch-window must be >= 0, was " + batchWindow);
        }
    }

    private static void positive(String key, long v) {
        if (v < 1) {
            throw new IllegalArgumentException("stylefleet.infer." + key + " must be >= 1, was " + v);
        }
    }

    public static InferenceSettings defaults() {
        return new InferenceSettings(ExecutionDevice.AUTO, DEFAULT_MODEL_CACHE_BYTES, ImageLimits.defaults(),
                DEFAULT_TILE_SIZE, DEFAULT_TILE_OVERLAP, DEFAULT_PAD_MULTIPLE, DEFAULT_TILE_ABOVE_PIXELS,
                DEFAULT_BATCH_WINDOW, DEFAULT_MAX_BATCH, DEFAULT_CONCURRENCY);
    }

    public InferenceSettings withBatching(Duration window, int max) {
        return new InferenceSettings(device, modelCacheBytes, limits, tileSize, tileOverlap, padMultiple,
                tileAbovePixels, window, max, concurrency, png);
    }

    public InferenceSettings withConcurrency(int n) {
        return new InferenceSettings(device, modelCacheBytes, limits, tileSize, tileOverlap, padMultiple,
                tileAbovePixels, batchWindow, maxBatch, n, png);
    }

    public InferenceSettings withTiling(int size, int overlap, long abovePixels) {
        return new InferenceSettings(device, modelCacheBytes, limits, size, overlap, padMultiple, abovePixels,
                batchWindow, maxBatch, concurrency, png);
    }

    public InferenceSettings withLimits(ImageLimits l) {
        return new InferenceSettings(device, modelCacheBytes, l, tileSize, tileOverlap, padMultiple,
                tileAbovePixels, batchWindow, maxBatch, concurrency, png);
    }

    public InferenceSettings withDevice(ExecutionDevice d) {
        return new InferenceSettings(d, modelCacheBytes, limits, tileSize, tileOverlap, padMultiple,
                tileAbovePixels, batchWindow, maxBatch, concurrency, png);
    }

    /** The tiler for a task: style inputs are padded to {@link #padMultiple}, super-resolution inputs not. */
    public TiledInference tiling(boolean stylize) {
        return new TiledInference(tileSize, tileOverlap, stylize ? padMultiple : 1, tileAbovePixels);
    }
}
