package dev.stylefleet.platform.quantize;

/**
 * Super-resolution's gate figures: float32's and int8's mean PSNR against the ground-truth
 * high-resolution images (dB). What quantization may cost is measured against the truth, not
 * against the float32 output: an int8 output that differs from float32 but is as close to the
 * truth is as good.
 */
public record GroundTruthFigures(double fp32PsnrDb, double int8PsnrDb, int images) {

    /** How many dB int8 loses against float32 (negative: it gains). */
    public double lossDb() {
        return fp32PsnrDb - int8PsnrDb;
    }

    /** True when images were compared and int8 loses at most {@code maxLossDb} (SR: 0.05 dB). */
    public boolean passes(double maxLossDb) {
        return images > 0 && lossDb() <= maxLossDb;
    }
}
