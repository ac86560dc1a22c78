package dev.stylefleet.train.loss;

import dev.stylefleet.train.vgg.FloatingConstants;
import dev.stylefleet.train.vgg.Tensors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PixelLossTest {

    static final long[] SHAPE = {2, 8, 8, 3};
    static final double[] OUTPUT = Tensors.randomImage(new Random(6), 2, 8, 8);
    /** Target = output shifted by at least 1 in either direction, so |output - target| has no kink within a step. */
    static final double[] TARGET = shiftedAwayFrom(OUTPUT, new Random(7));

    static double[] shiftedAwayFrom(double[] image, Random random) {
        double[] target = new double[image.length];
        for (int i = 0; i < image.length; i++) {
            double offset = 1 + random.nextDouble() * 40;
            target[i] = image[i] + (random.nextBoolean() ? offset : -offset);
        }
        return target;
    }

    @Test
    void handExample() {
        // differences (1, -2, 3, 0): L2 = (1 + 4 + 9 + 0) / 4 = 3.5, L1 = (1 + 2 + 3 + 0) / 4 = 1.5
        double[] output = {1, 2, 3, 4};
        double[] target = {0, 4, 0, 4};
        long[] shape = {1, 2, 2, 1};
        assertThat(GradientCheck.value(shape, output, (tf, y) -> PixelLoss.of(tf, PixelNorm.L2, y,
                FloatingConstants.of(tf, y.type(), Shape.of(shape), target)))).isCloseTo(3.5, within(1e-12));
        assertThat(GradientCheck.value(shape, output, (tf, y) -> PixelLoss.of(tf, PixelNorm.L1, y,
                FloatingConstants.of(tf, y.type(), Shape.of(shape), target)))).isCloseTo(1.5, within(1e-12));
    }

    @ParameterizedTest
    @EnumSource(PixelNorm.class)
    void matchesTheDirectComputation(PixelNorm norm) {
        double value = GradientCheck.value(SHAPE, OUTPUT, (tf, y) -> PixelLoss.of(tf, norm, y,
                FloatingConstants.of(tf, y.type(), Shape.of(SHAPE), TARGET)));

        double expected = norm == PixelNorm.L2 ? ReferenceLosses.pixelL2(OUTPUT, TARGET) : ReferenceLosses.pixelL1(OUTPUT, TARGET);
        assertThat(value).isCloseTo(expected, within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(PixelNorm.class)
    void gradientMatchesFiniteDifferences(PixelNorm norm) {
        GradientCheck.Comparison c = GradientCheck.compare("pixel " + norm, SHAPE, OUTPUT, (tf, y) -> PixelLoss.of(tf, norm, y,
                FloatingConstants.of(tf, y.type(), Shape.of(SHAPE), TARGET)));

        assertThat(c.maxAbsNumeric()).isGreaterThan(0);
        assertThat(c.maxRelativeError()).isLessThan(GradientCheck.TOLERANCE);
    }
}
