package dev.stylefleet.train.export;

/**
 * Folds inference-mode batch norm into the convolution before it:
 * {@code y = (conv(x, W) + b - mean) * gamma / sqrt(var + eps) + beta} is the convolution with
 * {@code W' = W * s} and {@code b' = (b - mean) * s + beta}, where {@code s = gamma / sqrt(var + eps)}
 * per output channel. Computed in double precision and rounded once.
 */
final class BatchNormFolding {
    private BatchNormFolding() {}

    /**
     * @param weights         ONNX layout: Conv {@code [out, in, k, k]} (output axis 0) or ConvTranspose
     *                        {@code [in, out, k, k]} (output axis 1); not modified
     * @param dims            the four dims of {@code weights}
     * @param outputAxis      0 for Conv, 1 for ConvTranspose
     * @param bias            per output channel, or null for none
     * @return the folded weights (same layout) and bias
     */
    static Folded fold(float[] weights, long[] dims, int outputAxis, float[] bias, float[] gamma, float[] beta,
            float[] mean, float[] variance, float epsilon) {
        int out = Math.toIntExact(dims[outputAxis]);
        double[] s = new double[out];
        float[] b = new float[out];
        for (int c = 0; c < out; c++) {
            s[c] = gamma[c] / Math.sqrt((double) variance[c] + epsilon);
            double b0 = bias == null ? 0 : bias[c];
            b[c] = (float) ((b0 - mean[c]) * s[c] + beta[c]);
        }
        int d0 = Math.toIntExact(dims[0]);
        int d1 = Math.toIntExact(dims[1]);
        int inner = Math.toIntExact(dims[2] * dims[3]);
        float[] w = new float[weights.length];
        for (int i = 0; i < d0; i++) {
            for (int j = 0; j < d1; j++) {
                double scale = s[outputAxis == 0 ? i : j];
                int base = (i * d1 + j) * inner;
                for (int k = 0; k < inner; k++) {
                    w[base + k] = (float) (weights[base + k] * scale);
                }
            }
        }
        return new Folded(w, b);
    }

    record Folded(float[] weights, float[] bias) {}
}
