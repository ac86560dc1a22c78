package dev.stylefleet.train.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BatchNormFoldingTest {

    @Test
    void foldsPerOutputChannelOnTheRightAxis() {
        // Two output channels, one input channel, 1x1 kernels: conv output = w * x.
        float[] gamma = {2f, 0.5f};
        float[] beta = {1f, -1f};
        float[] mean = {0.5f, -2f};
        float[] var = {3f, 0.25f};
        float eps = 1e-5f;
        double x = 1.7;
        // Conv [out=2, in=1, 1, 1]
        BatchNormFolding.Folded conv = BatchNormFolding.fold(new float[] {3f, -4f}, new long[] {2, 1, 1, 1}, 0,
                null, gamma, beta, mean, var, eps);
        // ConvTranspose [in=1, out=2, 1, 1]: same numbers, output channel on axis 1.
        BatchNormFolding.Folded deconv = BatchNormFolding.fold(new float[] {3f, -4f}, new long[] {1, 2, 1, 1}, 1,
                null, gamma, beta, mean, var, eps);
        float[] w = {3f, -4f};
        for (int c = 0; c < 2; c++) {
            double expected = (w[c] * x - mean[c]) * gamma[c] / Math.sqrt(var[c] + eps) + beta[c];
            assertThat(conv.weights()[c] * x + conv.bias()[c]).isCloseTo(expected, within(1e-5));
            assertThat(deconv.weights()[c] * x + deconv.bias()[c]).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void keepsAnExistingBias() {
        BatchNormFolding.Folded f = BatchNormFolding.fold(new float[] {1f}, new long[] {1, 1, 1, 1}, 0,
                new float[] {0.5f}, new float[] {1f}, new float[] {0f}, new float[] {0f}, new float[] {1f}, 0f);
        assertThat(f.bias()[0]).isEqualTo(0.5f);
    }

    @Test
    void weightsGoFromHwioToOihw() {
        // [kh=1, kw=2, in=2, out=3], value = 1000*kh + 100*kw + 10*in + out
        float[] hwio = new float[12];
        int i = 0;
        for (int kw = 0; kw < 2; kw++) {
            for (int in = 0; in < 2; in++) {
                for (int out = 0; out < 3; out++) {
                    hwio[i++] = 100 * kw + 10 * in + out;
                }
            }
        }
        float[] oihw = OnnxExporter.hwioToOihw(new dev.stylefleet.train.net.FloatTensor(new long[] {1, 2, 2, 3}, hwio));
        // [out=3, in=2, kh=1, kw=2]
        assertThat(oihw[((2 * 2 + 1) * 1 + 0) * 2 + 1]).isEqualTo(100 + 10 + 2);
        assertThat(oihw[((1 * 2 + 0) * 1 + 0) * 2 + 0]).isEqualTo(1);
    }
}
