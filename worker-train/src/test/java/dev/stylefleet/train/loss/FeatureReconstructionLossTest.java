package dev.stylefleet.train.loss;

import dev.stylefleet.train.vgg.FloatingConstants;
import dev.stylefleet.train.vgg.KerasVgg16File;
import dev.stylefleet.train.vgg.ReferenceVgg16;
import dev.stylefleet.train.vgg.ReferenceVgg16.Activation;
import dev.stylefleet.train.vgg.Tensors;
import dev.stylefleet.train.vgg.Vgg16FeatureLayer;
import dev.stylefleet.train.vgg.Vgg16Features;
import dev.stylefleet.train.vgg.Vgg16Weights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

import java.nio.file.Path;
import java.util.Random;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureReconstructionLossTest {

    static final long[] SHAPE = {2, 8, 8, 3};
    static final double[] OUTPUT = Tensors.randomImage(new Random(8), 2, 8, 8);
    static final double[] CONTENT = Tensors.randomImage(new Random(9), 2, 8, 8);

    @TempDir
    static Path dir;

    static Vgg16Weights weights;

    @BeforeAll
    static void testNetwork() {
        Path file = dir.resolve("vgg.h5");
        KerasVgg16File.write(file, 21);
        weights = Vgg16Weights.read(file);
    }

    static BiFunction<Ops, Operand<TFloat64>, Operand<TFloat64>> lossAt(Vgg16FeatureLayer layer) {
        return (tf, y) -> {
            Vgg16Features<TFloat64> vgg = Vgg16Features.create(tf, weights, TFloat64.class);
            Operand<TFloat64> content = FloatingConstants.of(tf, TFloat64.class, Shape.of(SHAPE), CONTENT);
            return FeatureReconstructionLoss.of(tf, vgg.apply(y).get(layer), vgg.apply(content).get(layer));
        };
    }

    @ParameterizedTest
    @EnumSource(Vgg16FeatureLayer.class)
    void matchesTheDirectComputation(Vgg16FeatureLayer layer) {
        Activation output = ReferenceVgg16.features(weights, new Activation(2, 8, 8, 3, OUTPUT)).get(layer);
        Activation content = ReferenceVgg16.features(weights, new Activation(2, 8, 8, 3, CONTENT)).get(layer);
        double expected = ReferenceLosses.feature(output, content);

        double value = GradientCheck.value(SHAPE, OUTPUT, lossAt(layer));

        assertThat(expected).isPositive();
        assertThat(value).isCloseTo(expected, org.assertj.core.api.Assertions.withinPercentage(1e-9));
    }

    @ParameterizedTest
    @EnumSource(Vgg16FeatureLayer.class)
    void gradientMatchesFiniteDifferences(Vgg16FeatureLayer layer) {
        GradientCheck.Comparison c = GradientCheck.compare("feature reconstruction at " + layer, SHAPE, OUTPUT, lossAt(layer));

        assertThat(c.maxAbsNumeric()).isPositive();
        assertThat(c.maxRelativeError()).as("gradient at " + layer).isLessThan(GradientCheck.TOLERANCE);
    }
}
