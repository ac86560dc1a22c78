package dev.stylefleet.train.pretrained;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.TestImages;
import dev.stylefleet.train.net.TransformerSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The imported {@code TransformerNet} (TensorFlow) versus {@link ReferenceStyleNet}, an
 * independent double-precision loop implementation run straight from the reader's arrays, on small
 * crops: 16x16 (the original net exactly) and 13x11 (odd: SAME padding's extra bottom/right
 * row and column in both stride-2 layers, and the pad-to-multiple and crop). Within 1e-3 on 0..255.
 */
class ReferenceStyleNetTest {
    static final double TOLERANCE = 1e-3;
    static final int[][] SIZES = {{16, 16}, {13, 11}};

    @TempDir
    Path tmp;

    static List<BuiltinStyle> styles() {
        return BuiltinStyle.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void builtinStyleMatchesTheReference(BuiltinStyle style) {
        compare(style.id(), PretrainedImport.read(style.resource()));
    }

    @Test
    void randomCheckpointMatchesTheReference() throws Exception {
        RandomPretrained.write(tmp, FastStyleTransferNet.layerTable(), 21, PretrainedCheckpoint.Dtype.FLOAT32);
        compare("random", PretrainedImport.read(CheckpointSource.directory(tmp)));
    }

    private static void compare(String label, PretrainedCheckpoint c) {
        try (TransformerSession tf = PretrainedImport.load(c, 2)) {
            for (int[] size : SIZES) {
                FloatTensor image = TestImages.nhwc(1, size[0], size[1], 7L * size[0] + size[1]);
                FloatTensor expected = ReferenceStyleNet.run(c.variables(), image);
                FloatTensor actual = tf.run(image);
                assertThat(BuiltinStylesParityTest.range(expected)).as("output varies").isGreaterThan(20f);
                double diff = actual.maxAbsDiff(expected);
                System.out.printf("reference %-14s %dx%d  max|TF - reference| %.2e%n", label, size[0], size[1], diff);
                assertThat(diff).as("%s at %dx%d", label, size[0], size[1]).isLessThanOrEqualTo(TOLERANCE);
            }
        }
    }
}
