package dev.stylefleet.infer.model;

/**
 * Runs one image (N = 1) through a model: the seam between tiling and whatever executes the network,
 * a session directly ({@link LoadedModel}) or the micro-batcher that groups concurrent calls.
 */
@FunctionalInterface
public interface ModelRunner {
    /**
     * @param nchw [1,3,h,w] planar RGB in [0,255]
     * @return [1,3,h*s,w*s]
     */
    float[] run(float[] nchw, int h, int w);
}
