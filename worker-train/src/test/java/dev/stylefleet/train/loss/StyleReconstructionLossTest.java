package dev.stylefleet.train.loss;

import dev.stylefleet.train.vgg.KerasVgg16File;
import dev.stylefleet.train.vgg.ReferenceVgg16;
import dev.stylefleet.train.vgg.ReferenceVgg16.Activation;
import dev.stylefleet.train.vgg.Tensors;
import dev.stylefleet.train.vgg.Vgg16FeatureLayer;
import dev.stylefleet.train.vgg.Vgg16Features;
import dev.stylefleet.train.vgg.Vgg16Weights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat64;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

import static dev.stylefleet.train.vgg.Vgg16FeatureLayer.RELU1_2;
import static dev.stylefleet.train.vgg.Vgg16FeatureLayer.RELU2_2;
import static dev.stylefleet.train.vgg.Vgg16FeatureLayer.RELU3_3;
import static dev.stylefleet.train.vgg.Vgg16FeatureLayer.RELU4_3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

class StyleReconstructionLossTest {

    static final long[] SHAPE = {2, 8, 8, 3};
    static final double[] OUTPUT = Tensors.randomImage(new Random(10), 2, 8, 8);
    /** The style image has another size than the outputs (12 x 10), as in training. */
    static final int STYLE_H = 12;
    static final int STYLE_W = 10;
    static final float[] STYLE = styleImage();

    @TempDir
    static Path dir;

    static Vgg16Weights weights;
    static StyleTargets targets;

    static float[] styleImage() {
        Random random = new Random(11);
        float[] image = new float[STYLE_H * STYLE_W * 3];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) (random.nextDouble() * 255);
        }
        return image;
    }

    static double[] styleAsDoubles() {
        double[] d = new double[STYLE.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = STYLE[i];
        }
        return d;
    }

    @BeforeAll
    static void testNetworkAndTargets() {
        Path file = dir.resolve("vgg.h5");
        KerasVgg16File.write(file, 31);
        weights = Vgg16Weights.read(file);
        targets = StyleTargets.compute(weights, STYLE, STYLE_H, STYLE_W, TFloat64.class, ConfigProto.getDefaultInstance());
    }

    static BiFunction<Ops, Operand<TFloat64>, Operand<TFloat64>> loss(Map<Vgg16FeatureLayer, Double> layerWeights) {
        return (tf, y) -> StyleReconstructionLoss.of(tf,
                Vgg16Features.create(tf, weights, TFloat64.class).apply(y), targets, layerWeights).total();
    }

    static Map<Vgg16FeatureLayer, Double> weightsOf(double w1, double w2, double w3, double w4) {
        Map<Vgg16FeatureLayer, Double> m = new EnumMap<>(Vgg16FeatureLayer.class);
        m.put(RELU1_2, w1);
        m.put(RELU2_2, w2);
        m.put(RELU3_3, w3);
        m.put(RELU4_3, w4);
        return m;
    }

    @Test
    void matchesTheDirectComputationWithPerLayerWeights() {
        Map<Vgg16FeatureLayer, Double> layerWeights = weightsOf(1.0, 0.5, 2.0, 0.25);
        Map<Vgg16FeatureLayer, Activation> output = ReferenceVgg16.features(weights, new Activation(2, 8, 8, 3, OUTPUT));
        Map<Vgg16FeatureLayer, Activation> style =
                ReferenceVgg16.features(weights, new Activation(1, STYLE_H, STYLE_W, 3, styleAsDoubles()));
        double expected = 0;
        for (Vgg16FeatureLayer layer : Vgg16FeatureLayer.values()) {
            double[] target = ReferenceLosses.gram(style.get(layer))[0];
            expected += layerWeights.get(layer) * ReferenceLosses.styleLayer(output.get(layer), target);
        }

        double value = GradientCheck.value(SHAPE, OUTPUT, loss(layerWeights));

        assertThat(expected).isPositive();
        assertThat(value).isCloseTo(expected, withinPercentage(1e-9));
    }

    @Test
    void aLayerWithWeightZeroIsLeftOut() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat64> y = tf.placeholder(TFloat64.class);
            StyleReconstructionLoss<TFloat64> loss = StyleReconstructionLoss.of(tf,
                    Vgg16Features.create(tf, weights, TFloat64.class).apply(y), targets, weightsOf(1, 1, 0, 1));

            assertThat(loss.perLayer()).containsOnlyKeys(RELU1_2, RELU2_2, RELU4_3);
        }
    }

    @Test
    void allWeightsZeroIsAClearError() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat64> y = tf.placeholder(TFloat64.class);
            Map<Vgg16FeatureLayer, Operand<TFloat64>> features = Vgg16Features.create(tf, weights, TFloat64.class).apply(y);

            assertThatThrownBy(() -> StyleReconstructionLoss.of(tf, features, targets, weightsOf(0, 0, 0, 0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("every style layer weight is 0");
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        GradientCheck.Comparison c = GradientCheck.compare("style reconstruction", SHAPE, OUTPUT, loss(weightsOf(1.0, 0.5, 2.0, 0.25)));

        assertThat(c.maxAbsNumeric()).isPositive();
        assertThat(c.maxRelativeError()).isLessThan(GradientCheck.TOLERANCE);
    }
}
