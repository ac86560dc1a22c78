package dev.stylefleet.infer.model;

import dev.stylefleet.infer.imaging.ImageTensors;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the built-in bicubic models in ONNX Runtime and compares them with {@link KeysBicubic}, an
 * independent double-precision implementation of the same definition (Keys a = -0.5, half-pixel
 * centres, border clamping, clip to [0,255]).
 *
 * <p>Tolerance: ONNX Runtime computes in float32. Each output is a 4x4 weighted sum of inputs up to
 * 255 with weights summing to about 1, i.e. some 32 rounded float operations on values below 2^8, each
 * off by at most 2^8 * 2^-24 = 1.5e-5: worst case about 5e-4. So max |diff| <= 1e-3 before rounding.
 * After rounding to 8 bits a value that close to a .5 boundary may land on the other side: at most
 * one level.
 */
class BicubicModelTest {
    static final double FLOAT_TOLERANCE = 1e-3;
    static final int LEVEL_TOLERANCE = 1;

    static OrtEnvironment env;

    @BeforeAll
    static void env() {
        env = OrtEnvironment.getEnvironment();
    }

    @AfterAll
    static void done() {
        // The environment is a process-wide singleton; nothing to release per test class.
        env = null;
    }

    /** Smooth ramps, hard edges, noise and the extreme levels 0 and 255 (which make cubic overshoot). */
    static float[] testImage(int h, int w, long seed) {
        Random random = new Random(seed);
        int plane = h * w;
        float[] out = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v;
                    if (x < w / 4) {
                        v = 255f * x / (w / 4f) * (c + 1) / 3f;          // ramp
                    } else if (x < w / 2) {
                        v = ((x / 3 + y / 3 + c) % 2 == 0) ? 0f : 255f;  // checkerboard, max contrast
                    } else {
                        v = random.nextInt(256);                          // noise
                    }
                    out[c * plane + y * w + x] = v;
                }
            }
        }
        return out;
    }

    static float[] run(byte[] model, float[] input, long[] shape) throws Exception {
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
                OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                OrtSession.Result result = session.run(Map.of(BicubicModel.INPUT, tensor))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            long[] outShape = out.getInfo().getShape();
            int s = (int) (outShape[2] / shape[2]);
            assertThat(outShape).containsExactly(shape[0], 3, shape[2] * s, shape[3] * s);
            FloatBuffer b = out.getFloatBuffer();
            float[] values = new float[b.remaining()];
            b.get(values);
            return values;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void matchesIndependentBicubicOnAGeneratedImage(int scale) throws Exception {
        int h = 30;
        int w = 40;
        float[] input = testImage(h, w, 42);

        float[] actual = run(BicubicModel.build(scale), input, new long[] {1, 3, h, w});
        double[] expected = KeysBicubic.upsampleRgb(input, h, w, scale);

        assertThat(actual).hasSize(expected.length);
        double maxDiff = 0;
        for (int i = 0; i < actual.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
        }
        assertThat(maxDiff).as("max |onnx - reference| before rounding").isLessThanOrEqualTo(FLOAT_TOLERANCE);

        // And after the worker's conversion to 8-bit pixels.
        BufferedImage image = ImageTensors.toImage(actual, h * scale, w * scale);
        int oh = h * scale;
        int ow = w * scale;
        int plane = oh * ow;
        int maxLevelDiff = 0;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int rgb = image.getRGB(x, y);
                int[] got = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int c = 0; c < 3; c++) {
                    long want = Math.round(expected[c * plane + y * ow + x]);
                    maxLevelDiff = (int) Math.max(maxLevelDiff, Math.abs(got[c] - want));
                }
            }
        }
        // The measured figures, for docs/inference.md (quoted with this test as the command).
        System.out.printf("bicubic-x%d vs reference on %dx%d: max |diff| %.2e before rounding, %d level(s) after%n",
                scale, w, h, maxDiff, maxLevelDiff);
        assertThat(maxLevelDiff).as("max 8-bit level difference").isLessThanOrEqualTo(LEVEL_TOLERANCE);
    }

    @Test
    void clipsTheOvershootOfHardEdges() throws Exception {
        // A 0/255 step overshoots with a = -0.5 (about 255 * 0.07); the Clip node must cut it off.
        int h = 4;
        int w = 8;
        float[] input = new float[3 * h * w];
        for (int i = 0; i < input.length; i++) {
            input[i] = (i % w) < w / 2 ? 0f : 255f;
        }
        float[] out = run(BicubicModel.build(4), input, new long[] {1, 3, h, w});
        double[] unclipped = KeysBicubic.upsample(toDouble(input, h * w), h, w, 4);
        assertThat(java.util.Arrays.stream(unclipped).max().orElseThrow())
                .as("the reference overshoots above 255, so clipping is exercised").isGreaterThan(255.5);
        assertThat(java.util.Arrays.stream(unclipped).min().orElseThrow())
                .as("and undershoots below 0").isLessThan(-0.5);
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (float v : out) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertThat(lo).isEqualTo(0f);
        assertThat(hi).isEqualTo(255f);
    }

    @Test
    void batchAndSizeAreDynamic() throws Exception {
        // Two different images in one batch, non-square and odd-sized: each item must match alone.
        int h = 7;
        int w = 13;
        float[] a = testImage(h, w, 1);
        float[] b = testImage(h, w, 2);
        float[] batch = new float[a.length * 2];
        System.arraycopy(a, 0, batch, 0, a.length);
        System.arraycopy(b, 0, batch, a.length, b.length);

        float[] out = run(BicubicModel.build(4), batch, new long[] {2, 3, h, w});
        double[] wantA = KeysBicubic.upsampleRgb(a, h, w, 4);
        double[] wantB = KeysBicubic.upsampleRgb(b, h, w, 4);
        for (int i = 0; i < wantA.length; i++) {
            assertThat((double) out[i]).isCloseTo(wantA[i], org.assertj.core.data.Offset.offset(FLOAT_TOLERANCE));
            assertThat((double) out[wantA.length + i])
                    .isCloseTo(wantB[i], org.assertj.core.data.Offset.offset(FLOAT_TOLERANCE));
        }
    }

    @Test
    void buildIsDeterministicSoTheRegistryCanCompareHashes() {
        assertThat(BicubicModel.build(4)).isEqualTo(BicubicModel.build(4));
        assertThat(BicubicModel.build(4)).isNotEqualTo(BicubicModel.build(8));
    }

    private static double[] toDouble(float[] f, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
