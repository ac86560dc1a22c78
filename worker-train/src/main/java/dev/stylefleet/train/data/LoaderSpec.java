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
 * @param degradation   how super-resolution inputs are made from the high-resolution patch
 */
public record LoaderSpec(Mode mode, int imageSize, int scale, int batchSize, long seed, int queueCapacity,
        Degradation degradation) {
    /** The paper's blur before downsampling (section 4.1). */
    public static final double SR_BLUR_SIGMA = 1.0;
    /** Enough read-ahead to hide a slow decode; each batch is at most a few tens of MB. */
    public static final int DEFAULT_QUEUE_CAPACITY = 4;

    public enum Mode { STYLE, SUPER_RESOLUTION }

    /**
     * {@link #BLUR_BICUBIC}: the paper's training inputs, Gaussian blur sigma {@link #SR_BLUR_SIGMA} then
     * bicubic downsampling. {@link #BICUBIC}: bicubic downsampling only, rounded to 8 bits: the
     * standard benchmark protocol (Set5/Set14 inputs are made this way), so a net trained on it is
     * scored on the inputs it learned from.
     */
    public enum Degradation {
        BLUR_BICUBIC, BICUBIC;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The paper's degradation. */
    public LoaderSpec(Mode mode, int imageSize, int scale, int batchSize, long seed, int queueCapacity) {
        this(mode, imageSize, scale, batchSize, seed, queueCapacity, Degradation.BLUR_BICUBIC);
    }

    public LoaderSpec {
        if (degradation == null) {
            throw new IllegalArgumentException("degradation is required");
        }
        if (imageSize < 1 || batchSize < 1 || scale < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("imageSize, batchSize, scale and queueCapacity must be >= 1");
        }
        if (mode == Mode.SUPER_RESOLUTION && imageSize % scale != 0) {
            throw new IllegalArgumentException("params.imageSize must be a multiple of params.scale (" + scale
                    + ") for super-resolution, got " + imageSize);
        }
    }
}
