package dev.stylefleet.train.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.LayerSpec;
import dev.stylefleet.train.net.NetOptions;
import dev.stylefleet.train.net.NetOptions.Input;
import dev.stylefleet.train.net.NetOptions.Norm;
import dev.stylefleet.train.net.NetOptions.Output;
import dev.stylefleet.train.net.NetOptions.Padding;
import dev.stylefleet.train.net.NetOptions.Skip;
import dev.stylefleet.train.net.NetOptions.Upsample;
import dev.stylefleet.train.net.ParamNames;
import dev.stylefleet.train.net.TestImages;
import dev.stylefleet.train.net.TransformerSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TensorFlow forward versus ONNX Runtime on the export for each option added after the paper-era
 * ones (see {@link OnnxParityTest} for those), one option at a time on an otherwise plain net, plus
 * the two combinations that ship: the imported fast-style-transfer nets and the super-resolution
 * built-ins (x4 and x8, zero and reflect padding). Random weights, random non-identity norm
 * parameters, at two odd sizes and one even size (a batch of 2), bound {@link OnnxParityTest#TOLERANCE}
 * on [0, 255]. Where the export clips and TensorFlow does not (linear output, bicubic skip), the
 * TensorFlow output is clipped before comparing.
 */
class OnnxNetOptionsParityTest {
    private static final NetOptions STYLE = new NetOptions(Norm.INSTANCE, Upsample.RESIZE, Padding.ZERO, 0.25);
    private static final NetOptions SR = new NetOptions(Norm.BATCH, Upsample.DECONV, Padding.ZERO, 0.25);

    /** The imported Engstrom / ml5 style nets (SPEC, docs/networks.md). */
    static NetOptions imported(double width) {
        return new NetOptions(Norm.INSTANCE, Upsample.DECONV, Padding.SAME, width, Input.RAW, Output.TANH150, true,
                Skip.NONE, 1e-3);
    }

    /** The super-resolution built-ins' options. */
    static NetOptions srBuiltin(Padding padding) {
        return new NetOptions(Norm.NONE, Upsample.SUBPIXEL, padding, 0.25, Input.CENTERED, Output.LINEAR, false,
                Skip.BICUBIC, NetOptions.DEFAULT_NORM_EPSILON);
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        // norm none: every conv (and the deconv) has a bias, nothing is normalised
        out.add(Arguments.of("style", STYLE.withNorm(Norm.NONE).withUpsample(Upsample.DECONV)));
        out.add(Arguments.of("sr4", STYLE.withNorm(Norm.NONE).withPadding(Padding.REFLECT)));
        // subpixel with each norm (batch: the fold repeats the statistics per phase)
        for (Norm n : Norm.values()) {
            out.add(Arguments.of("sr4", SR.withUpsample(Upsample.SUBPIXEL).withNorm(n)));
        }
        out.add(Arguments.of("style", STYLE.withUpsample(Upsample.SUBPIXEL).withPadding(Padding.REFLECT)));
        // same padding: stride-2 layers pad only bottom/right
        out.add(Arguments.of("style", SR.withPadding(Padding.SAME)));
        out.add(Arguments.of("style", STYLE.withPadding(Padding.SAME)));
        out.add(Arguments.of("style-plain", STYLE.withPadding(Padding.SAME).withUpsample(Upsample.SUBPIXEL)));
        // raw input
        out.add(Arguments.of("style", STYLE.withInput(Input.RAW)));
        // output norm, with instance norm and with batch norm (folded into the output conv)
        out.add(Arguments.of("style", STYLE.withOutputNorm(true)));
        // (batch + outputNorm is compared with a linear output: TensorFlow 2.x's CPU remapper fuses
        // FusedBatchNorm followed by Tanh and then fails, "Fusion is not implemented: [FusedBatchNorm,Tanh]")
        out.add(Arguments.of("sr4", SR.withOutputNorm(true).withOutput(Output.LINEAR).withSkip(Skip.BICUBIC)));
        // outputs
        out.add(Arguments.of("style", STYLE.withOutput(Output.TANH150)));
        out.add(Arguments.of("sr4", SR.withOutput(Output.LINEAR)));
        // bicubic skip on each output
        out.add(Arguments.of("sr4", SR.withSkip(Skip.BICUBIC)));
        out.add(Arguments.of("sr8", SR.withOutput(Output.LINEAR).withSkip(Skip.BICUBIC)));
        out.add(Arguments.of("sr4", SR.withOutput(Output.TANH150).withSkip(Skip.BICUBIC)));
        // epsilon, instance and batch
        out.add(Arguments.of("style", STYLE.withNormEpsilon(1e-3)));
        out.add(Arguments.of("sr4", SR.withNormEpsilon(1e-3)));
        // what ships
        out.add(Arguments.of("style", imported(0.25)));
        out.add(Arguments.of("style", imported(1.0)));
        for (String preset : List.of("sr4", "sr8")) {
            for (Padding p : List.of(Padding.ZERO, Padding.REFLECT)) {
                out.add(Arguments.of(preset, srBuiltin(p)));
            }
        }
        return out;
    }

    /** Two odd sizes and one even size with a batch of 2: {height, width, batch}. */
    static int[][] sizes(String preset) {
        return preset.startsWith("sr")
                ? new int[][] {{13, 11, 1}, {9, 15, 1}, {16, 16, 2}}
                : new int[][] {{37, 29, 1}, {33, 35, 1}, {40, 40, 2}};
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void onnxRuntimeMatchesTensorFlow(String preset, NetOptions options) throws Exception {
        ArchSpec arch = ArchSpec.preset(preset);
        try (TransformerSession tf = TransformerSession.create(arch, options, 13, 2)) {
            RandomWeights.randomizeNorms(tf, 7);
            if (options.output() == Output.LINEAR && options.skip() == Skip.NONE) {
                centreLinearOutput(tf, arch);
            }
            byte[] onnx = OnnxExporter.export(arch, options, tf.readVariables(), Map.of());
            double worst = compare(preset + " " + options.describe(), arch, options, tf, onnx);
            assertThat(worst).isLessThanOrEqualTo(OnnxParityTest.TOLERANCE);
        }
    }

    /**
     * Runs both at {@link #sizes}; returns the largest max|diff|. Asserts shapes, that the output
     * varies (a saturated output would compare trivially) and the bound per size.
     */
    static double compare(String label, ArchSpec arch, NetOptions options, TransformerSession tf, byte[] onnx)
            throws Exception {
        double worst = 0;
        try (OrtRunner ort = new OrtRunner(onnx, 2)) {
            for (int[] size : sizes(arch.scale() > 1 ? "sr" : "style")) {
                FloatTensor image = TestImages.nhwc(size[2], size[0], size[1], size[0] * 31L + size[1]);
                FloatTensor expected = tf.run(image);
                if (exportClips(options)) {
                    expected = clipToPixels(expected);
                }
                FloatTensor actual = ort.run(image.nhwcToNchw()).nchwToNhwc();
                assertThat(actual.shape()).containsExactly(size[2], (long) size[0] * arch.scale(),
                        (long) size[1] * arch.scale(), 3);
                float range = OnnxParityTest.range(expected);
                assertThat(range).as("output varies").isGreaterThan(5f);
                double diff = actual.maxAbsDiff(expected);
                System.out.printf("parity %-52s %dx%dx%d range %5.1f max|diff| %.2e%n", label, size[2], size[0],
                        size[1], range, diff);
                assertThat(diff).as("%s at %dx%d", label, size[0], size[1]).isLessThanOrEqualTo(OnnxParityTest.TOLERANCE);
                worst = Math.max(worst, diff);
            }
        }
        return worst;
    }

    /** The export clips to [0, 255] where the TensorFlow forward may leave the range. */
    static boolean exportClips(NetOptions options) {
        return options.output() == Output.LINEAR || options.skip() != Skip.NONE;
    }

    static FloatTensor clipToPixels(FloatTensor t) {
        float[] v = t.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0f, Math.min(255f, v[i]));
        }
        return new FloatTensor(t.shape(), v);
    }

    /**
     * A random linear net's output is a few units around 0, mostly clipped away; shift the output
     * conv's bias to mid-grey and amplify its weights so that the comparison sees the whole range.
     */
    static void centreLinearOutput(TransformerSession tf, ArchSpec arch) {
        int last = arch.layers().size() - 1;
        LayerSpec spec = arch.layers().get(last);
        String wName = ParamNames.variable(last, spec, ParamNames.CONV, ParamNames.WEIGHTS);
        String bName = ParamNames.variable(last, spec, ParamNames.CONV, ParamNames.BIAS);
        Map<String, FloatTensor> vars = tf.readVariables();
        float[] w = vars.get(wName).values().clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= 100f;
        }
        float[] b = vars.get(bName).values().clone();
        for (int i = 0; i < b.length; i++) {
            b[i] += 127.5f;
        }
        tf.writeVariable(wName, new FloatTensor(vars.get(wName).shape(), w));
        tf.writeVariable(bName, new FloatTensor(vars.get(bName).shape(), b));
    }
}
