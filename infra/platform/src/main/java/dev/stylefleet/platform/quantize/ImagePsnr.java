package dev.stylefleet.platform.quantize;

/**
 * Peak signal-to-noise ratio between two float images of the same layout: 10 log10(peak^2 / MSE)
 * in dB. The quality gate's measure of how far an int8 model's output is from the float32 one
 * (pixel values, so peak 255 for the model interface's [0, 255] outputs).
 */
public final class ImagePsnr {
    /** Identical images have infinite PSNR; averages cap each image at this so one does not swamp the mean. */
    public static final double CAP_DB = 100;

    private ImagePsnr() {}

    /** PSNR in dB of {@code a} against {@code b}; {@link Double#POSITIVE_INFINITY} when they are equal. */
    public static double psnr(float[] a, float[] b, double peak) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("images of " + a.length + " and " + b.length + " values");
        }
        if (!(peak > 0)) {
            throw new IllegalArgumentException("peak must be positive, was " + peak);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        double mse = sum / a.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(peak * peak / mse);
    }

    /** {@link #psnr} capped at {@link #CAP_DB}, for averaging. */
    public static double cappedPsnr(float[] a, float[] b, double peak) {
        return Math.min(CAP_DB, psnr(a, b, peak));
    }
}
