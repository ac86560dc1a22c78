package dev.stylefleet.train.loss;

import dev.stylefleet.train.vgg.ReferenceVgg16.Activation;
import dev.stylefleet.train.vgg.Tensors;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TotalVariationLossTest {

    @Test
    void handExample() {
        // One 2x2 single-channel image [[0, 1], [3, 7]]:
        // vertical (3-0)^2 + (7-1)^2 = 45, horizontal (1-0)^2 + (7-3)^2 = 17, total 62.
        double value = GradientCheck.value(new long[] {1, 2, 2, 1}, new double[] {0, 1, 3, 7}, TotalVariationLoss::of);

        assertThat(value).isCloseTo(62, within(1e-12));
    }

    @Test
    void matchesTheDirectComputationAndAveragesOverTheBatch() {
        double[] image = Tensors.randomImage(new Random(4), 3, 7, 5);

        double value = GradientCheck.value(new long[] {3, 7, 5, 3}, image, TotalVariationLoss::of);

        assertThat(value).isCloseTo(ReferenceLosses.totalVariation(new Activation(3, 7, 5, 3, image)), within(1e-9));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[] image = Tensors.randomImage(new Random(5), 2, 8, 8);

        GradientCheck.Comparison c = GradientCheck.compare("total variation", new long[] {2, 8, 8, 3}, image, TotalVariationLoss::of);

        assertThat(c.maxAbsNumeric()).isGreaterThan(1);
        assertThat(c.maxRelativeError()).isLessThan(GradientCheck.TOLERANCE);
    }
}
