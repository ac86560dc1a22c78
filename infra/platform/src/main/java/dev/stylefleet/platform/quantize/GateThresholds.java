package dev.stylefleet.platform.quantize;

/**
 * The quality gate's bounds, one place for the built-ins' build ({@code Int8Builtins}) and the training
 * worker: an int8 variant is published only when, on images not used for calibration, its output against
 * the float32 model's reaches {@link #MIN_PSNR_VS_FP32_DB}, and for super-resolution it also loses at most
 * {@link #SR_MAX_LOSS_DB} of the float32 model's PSNR against ground truth. The layer search aims
 * {@link #SEARCH_MARGIN_DB} above the bound on its own images (and its worst image at the bound), so that
 * held-out images still clear it.
 */
public final class GateThresholds {
    private GateThresholds() {}

    /** PSNR of int8 output against fp32 output, dB (every model). */
    public static final double MIN_PSNR_VS_FP32_DB = 38;
    /** Super-resolution: most PSNR against ground truth int8 may lose to fp32, dB. */
    public static final double SR_MAX_LOSS_DB = 0.05;
    /**
     * What the mixed-precision search aims above {@link #MIN_PSNR_VS_FP32_DB} on its own images (mean), dB; its
     * worst image must reach the bound itself. 2 dB: held-out photos came out 1-4 dB below the search's
     * figure on the built-in styles (docs/benchmarks.md, "int8 inference").
     */
    public static final double SEARCH_MARGIN_DB = 2;
}
