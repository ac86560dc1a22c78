package dev.stylefleet.platform.quantize;

/**
 * How close an int8 model's outputs are to its float32 original's on held-out images: the PSNR of
 * int8 against float32 per image (each capped at {@link ImagePsnr#CAP_DB}).
 *
 * @param meanPsnrDb mean over the images, dB
 * @param minPsnrDb  the worst image, dB
 * @param images     how many images were compared
 */
public record GateFigures(double meanPsnrDb, double minPsnrDb, int images) {

    /** True when images were compared and the mean PSNR is at least {@code thresholdDb} (style: 38 dB). */
    public boolean passes(double thresholdDb) {
        return images > 0 && meanPsnrDb >= thresholdDb;
    }
}
