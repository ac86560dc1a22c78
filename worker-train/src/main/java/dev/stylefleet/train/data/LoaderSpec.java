package dev.stylefleet.train.data;

/**
 * What {@link TrainingDataLoader} makes of each image.
 *
 * @param mode      {@link Mode#STYLE}: a random square crop (the largest square, at a random place)
 *                  resized to {@code imageSize}; {@link Mode#SUPER_RESOLUTION}: a random
 *                  {@code imageSize} patch (the image is first enlarged when smaller), blurred with
 *                  sigma {@link #SR_BLUR_SIGMA} and bicubic-downsampled by {@code scale} for the input
 * @param imageSize side of the training crop (style) or high-resolution patch (super-resolution)
 * @param scale     super-resolution factor; 1 for style
 * @param batchSize images per batch
 * @param seed      seed of the crop, flip and order choices
 * @param queueCapacity batches decoded ahead of the training step
 */
public record LoaderSpec(Mode mode, int imageSize, int scale, int batchSize, long seed, int queueCapacity) {
    /** The paper's blur before downsampling (section 4.1). */
    public static final double SR_BLUR_SIGMA = 1.0;
    /** Enough read-ahead to hide a slow decode; each batch is at most a few tens of MB. */
    public static final int DEFAULT_QUEUE_CAPACITY = 4;

    public enum Mode { STYLE, SUPER_RESOLUTION }

    public LoaderSpec {
        if (imageSize < 1 || batchSize < 1 || scale < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("imageSize, batchSize, scale and queueCapacity must be >= 1");
        }
        if (mode == Mode.SUPER_RESOLUTION && imageSize % scale != 0) {
            throw new IllegalArgumentException("params.imageSize must be a multiple of params.scale (" + scale
                    + ") for super-resolution, got " + imageSize);
        }
    }
}
