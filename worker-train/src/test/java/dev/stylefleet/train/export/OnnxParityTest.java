package dev.stylefleet.train.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.NetOptions;
import dev.stylefleet.train.net.TestImages;
import dev.stylefleet.train.net.TransformerSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TensorFlow forward (inference mode) versus ONNX Runtime on the export, for every combination of
 * the paper-era options (2 norms x 2 upsamplings x 2 paddings) of every preset, with random weights
 * and random non-identity norm parameters and batch-norm statistics, at three sizes, one of them
 * odd, and a batch of 2 at one of them. Width 0.25 keeps each case cheap. The later options (norm
 * none, subpixel, same padding, raw input, tanh150/linear output, output norm, bicubic skip,
 * epsilon) are covered option by option in {@link OnnxNetOptionsParityTest}.
 */
class OnnxParityTest {
    /** Max absolute difference allowed on the [0, 255] scale (the bound). */
    static final double TOLERANCE = 1e-2;

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String preset : List.of("style", "style-plain", "sr4", "sr8")) {
            for (NetOptions.Norm norm : List.of(NetOptions.Norm.BATCH, NetOptions.Norm.INSTANCE)) {
                for (NetOptions.Upsample up : List.of(NetOptions.Upsample.DECONV, NetOptions.Upsample.RESIZE)) {
                    for (NetOptions.Padding pad : List.of(NetOptions.Padding.ZERO, NetOptions.Padding.REFLECT)) {
                        out.add(Arguments.of(preset, new NetOptions(norm, up, pad, 0.25)));
                    }
                }
            }
        }
        return out;
    }

    /** Three sizes, one odd in both dimensions: {height, width, batch}. */
    static int[][] sizes(String preset) {
        return preset.startsWith("sr")
                ? new int[][] {{12, 12, 1}, {16, 16, 2}, {13, 11, 1}}
                : new int[][] {{32, 32, 1}, {40, 40, 2}, {37, 29, 1}};
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void onnxRuntimeMatchesTensorFlow(String preset, NetOptions options) throws Exception {
        ArchSpec arch = ArchSpec.preset(preset);
        try (TransformerSession tf = TransformerSession.create(arch, options, 11, 2)) {
            RandomWeights.randomizeNorms(tf, 5);
            byte[] onnx = OnnxExporter.export(arch, options, tf.readVariables(), Map.of());
            try (OrtRunner ort = new OrtRunner(onnx, 2)) {
                for (int[] size : sizes(preset)) {
                    FloatTensor image = TestImages.nhwc(size[2], size[0], size[1], size[0] * 31L + size[1]);
                    FloatTensor expected = tf.run(image);
                    FloatTensor actual = ort.run(image.nhwcToNchw()).nchwToNhwc();
                    assertThat(actual.shape()).containsExactly(size[2], (long) size[0] * arch.scale(),
                            (long) size[1] * arch.scale(), 3);
                    assertThat(range(expected)).as("output varies (a saturated output would compare trivially)")
                            .isGreaterThan(5f);
                    double diff = actual.maxAbsDiff(expected);
                    System.out.printf("parity %-11s %-28s %dx%dx%d max|diff| %.2e%n", preset, options.describe(),
                            size[2], size[0], size[1], diff);
                    assertThat(diff).as("%s at %dx%d", options.describe(), size[0], size[1])
                            .isLessThanOrEqualTo(TOLERANCE);
                }
            }
        }
    }

    static float range(FloatTensor t) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : t.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }
}
