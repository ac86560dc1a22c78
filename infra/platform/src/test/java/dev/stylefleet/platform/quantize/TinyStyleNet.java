package dev.stylefleet.platform.quantize;

import static dev.stylefleet.platform.onnx.OnnxAttributes.integer;
import static dev.stylefleet.platform.onnx.OnnxAttributes.ints;
import static dev.stylefleet.platform.onnx.OnnxAttributes.real;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto.DataType;
import dev.stylefleet.platform.onnx.OnnxModelBuilder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small model shaped like stylefleet's style nets, seeded random weights: Conv + InstanceNorm +
 * Relu, a residual block (Conv, InstanceNorm, Relu, Conv, InstanceNorm, Add), a Conv + Relu, the
 * output Conv, Tanh scaled to [0, 255]. One kernel is stored FLOAT16 and widened by a Cast, as the
 * shipped built-ins store theirs. Plus smooth test images, and a runner.
 */
final class TinyStyleNet {
    static final int CHANNELS = 8;

    private TinyStyleNet() {}

    static ModelProto build(long seed) {
        Random r = new Random(seed);
        OnnxModelBuilder m = new OnnxModelBuilder("tiny-style", 17).input("image", DataType.FLOAT, "N", 3L, "H", "W");
        String x = m.node("Mul", "scaled", List.of("image", m.scalar("one_over_255", 1f / 255)));
        String c0 = conv(m, r, "l0.conv", x, 3, CHANNELS, false, true);
        String n0 = norm(m, r, "l0.norm", c0);
        String a0 = m.node("Relu", "l0/relu", List.of(n0));
        String c1 = conv(m, r, "r1.conv1", a0, CHANNELS, CHANNELS, true, false);
        String a1 = m.node("Relu", "r1/relu", List.of(norm(m, r, "r1.norm1", c1)));
        String c2 = conv(m, r, "r1.conv2", a1, CHANNELS, CHANNELS, false, false);
        String sum = m.node("Add", "r1/add", List.of(a0, norm(m, r, "r1.norm2", c2)));
        String a3 = m.node("Relu", "l3/relu", List.of(conv(m, r, "l3.conv", sum, CHANNELS, CHANNELS, false, true)));
        String c4 = conv(m, r, "l4.conv", a3, CHANNELS, 3, false, true);
        String t = m.node("Tanh", "tanh", List.of(c4));
        String y = m.node("Add", "output", List.of(m.node("Mul", "tanh/scale", List.of(t, m.scalar("half", 127.5f))),
                m.scalar("half_255", 127.5f)));
        m.output(y, DataType.FLOAT, "N", 3L, "H", "W");
        return m.build();
    }

    private static String conv(OnnxModelBuilder m, Random r, String name, String in, int cin, int cout, boolean half,
            boolean bias) {
        float[] w = new float[cout * cin * 9];
        double std = Math.sqrt(2.0 / (cin * 9));
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * std);
        }
        long[] dims = {cout, cin, 3, 3};
        String weight;
        if (half) {
            short[] bits = new short[w.length];
            for (int i = 0; i < w.length; i++) {
                bits[i] = toHalf(w[i]);
            }
            weight = m.node("Cast", name + "/W", List.of(m.float16(name + "/W/fp16", dims, bits)),
                    integer("to", DataType.FLOAT.getNumber()));
        } else {
            weight = m.floats(name + "/W", dims, w);
        }
        List<String> inputs = new ArrayList<>(List.of(in, weight));
        if (bias) {
            float[] b = new float[cout];
            for (int i = 0; i < cout; i++) {
                b[i] = (float) (r.nextGaussian() * 0.1);
            }
            inputs.add(m.floats(name + "/B", new long[] {cout}, b));
        }
        return m.node("Conv", name, inputs, ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1));
    }

    private static String norm(OnnxModelBuilder m, Random r, String name, String in) {
        float[] scale = new float[CHANNELS], shift = new float[CHANNELS];
        for (int i = 0; i < CHANNELS; i++) {
            scale[i] = (float) (1 + 0.2 * r.nextGaussian());
            shift[i] = (float) (0.2 * r.nextGaussian());
        }
        return m.node("InstanceNormalization", name, List.of(in, m.floats(name + "/scale", new long[] {CHANNELS}, scale),
                m.floats(name + "/B", new long[] {CHANNELS}, shift)), real("epsilon", 1e-5f));
    }

    /** Round-to-nearest float to half bits (normal range only, enough for weights near 1). */
    static short toHalf(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        float a = Math.abs(f);
        if (a < 6.1e-5f) {
            return (short) sign;
        }
        int exp = Math.getExponent(a);
        int mant = Math.round((a / (float) Math.pow(2, exp) - 1) * 1024);
        if (mant == 1024) {
            mant = 0;
            exp++;
        }
        return (short) (sign | ((exp + 15) << 10) | mant);
    }

    /** A smooth RGB image in [0, 255]: gradients and low-frequency waves, phase from {@code seed}. */
    static NchwImage smoothImage(int h, int w, int seed) {
        float[] v = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0.5 + 0.25 * Math.sin((x + 3 * seed) * (0.11 + 0.03 * c) + seed)
                            + 0.25 * Math.cos((y - 2 * seed) * (0.07 + 0.02 * c) + 0.5 * seed * c);
                    v[(c * h + y) * w + x] = (float) Math.rint(255 * Math.max(0, Math.min(1, s)));
                }
            }
        }
        return new NchwImage(v, h, w);
    }

    static float[] run(OrtEnvironment env, byte[] model, NchwImage image) throws Exception {
        try (OrtSession s = env.createSession(model);
                OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(image.values()), image.shape());
                OrtSession.Result r = s.run(Map.of("image", x))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        }
    }
}
