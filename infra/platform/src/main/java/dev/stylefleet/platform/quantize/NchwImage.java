package dev.stylefleet.platform.quantize;

/**
 * One image as a model takes it: float32 NCHW {@code [1, C, height, width]} row-major, in the model
 * interface's convention ({@code ModelSignature}: RGB, C = 3, values in [0, 255]). Calibration and
 * the quality gate feed these to ONNX Runtime as they are, so whatever convention the caller's
 * models use is the one calibrated and compared.
 */
public record NchwImage(float[] values, int height, int width) {
    public NchwImage {
        if (height <= 0 || width <= 0 || values.length == 0 || values.length % (height * width) != 0) {
            throw new IllegalArgumentException(values.length + " values are not [1, C, " + height + ", " + width + "]");
        }
    }

    public int channels() {
        return values.length / (height * width);
    }

    public long[] shape() {
        return new long[] {1, channels(), height, width};
    }
}
