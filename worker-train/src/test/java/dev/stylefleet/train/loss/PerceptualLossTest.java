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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

class PerceptualLossTest {

    static final long[] SHAPE = {2, 8, 8, 3};
    static final double[] OUTPUT = Tensors.randomImage(new Random(13), 2, 8, 8);
    static final double[] CONTENT = Tensors.randomImage(new Random(14), 2, 8, 8);
    /** Weights far from the defaults so that a term applied with the wrong weight shows. */
    static final LossWeights WEIGHTS = new LossWeights(2.0, 3.0, 1e-3, 0.7, Vgg16FeatureLayer.RELU3_3,
            Map.of(Vgg16FeatureLayer.RELU2_2, 0.5), PixelNorm.L2);

    @TempDir
    static Path dir;

    static Vgg16Weights weights;
    static StyleTargets targets;
    static double[] style;

    @BeforeAll
    static void testNetwork() {
        Path file = dir.resolve("vgg.h5");
        KerasVgg16File.write(file, 51);
        weights = Vgg16Weights.read(file);
        Random random = new Random(15);
        float[] styleImage = new float[8 * 8 * 3];
        style = new double[styleImage.length];
        for (int i = 0; i < styleImage.length; i++) {
            styleImage[i] = (float) (random.nextDouble() * 255);
            style[i] = styleImage[i];
        }
        targets = StyleTargets.compute(weights, styleImage, 8, 8, TFloat64.class, ConfigProto.getDefaultInstance());
    }

    @Test
    void styleTransferTermsAreTheWeightedLossesAndAddUpToTheTotal() {
        Map<String, Double> terms = evaluate(TFloat64.class, (tf, y) -> {
            Operand<TFloat64> content = FloatingConstants.of(tf, TFloat64.class, Shape.of(SHAPE), CONTENT);
            return PerceptualLoss.style(tf, Vgg16Features.create(tf, weights, TFloat64.class), WEIGHTS, y, content, targets);
        });

        Map<Vgg16FeatureLayer, Activation> out = ReferenceVgg16.features(weights, new Activation(2, 8, 8, 3, OUTPUT));
        Map<Vgg16FeatureLayer, Activation> con = ReferenceVgg16.features(weights, new Activation(2, 8, 8, 3, CONTENT));
        Map<Vgg16FeatureLayer, Activation> sty = ReferenceVgg16.features(weights, new Activation(1, 8, 8, 3, style));
        double expectedStyle = 0;
        for (Vgg16FeatureLayer layer : Vgg16FeatureLayer.values()) {
            double w = layer == Vgg16FeatureLayer.RELU2_2 ? 0.5 : 1.0;
            expectedStyle += w * ReferenceLosses.styleLayer(out.get(layer), ReferenceLosses.gram(sty.get(layer))[0]);
        }
        assertThat(terms.keySet()).containsExactly("content", "style", "tv", "total");
        assertThat(terms.get("content")).isCloseTo(
                2.0 * ReferenceLosses.feature(out.get(Vgg16FeatureLayer.RELU3_3), con.get(Vgg16FeatureLayer.RELU3_3)),
                withinPercentage(1e-9));
        assertThat(terms.get("style")).isCloseTo(3.0 * expectedStyle, withinPercentage(1e-9));
        assertThat(terms.get("tv")).isCloseTo(1e-3 * ReferenceLosses.totalVariation(new Activation(2, 8, 8, 3, OUTPUT)),
                withinPercentage(1e-9));
        assertThat(terms.get("total")).isCloseTo(terms.get("content") + terms.get("style") + terms.get("tv"),
                withinPercentage(1e-12));
    }

    @Test
    void theFloat32TrainingGraphAgreesWithFloat64() {
        Map<String, Double> float64 = evaluate(TFloat64.class, (tf, y) -> PerceptualLoss.style(tf,
                Vgg16Features.create(tf, weights, TFloat64.class), WEIGHTS, y,
                FloatingConstants.of(tf, TFloat64.class, Shape.of(SHAPE), CONTENT), targets));
        Map<String, Double> float32 = evaluate(TFloat32.class, (tf, y) -> PerceptualLoss.style(tf,
                Vgg16Features.create(tf, weights, TFloat32.class), WEIGHTS, y,
                FloatingConstants.of(tf, TFloat32.class, Shape.of(SHAPE), CONTENT), targets));

        for (String term : float64.keySet()) {
            assertThat(float32.get(term)).as(term).isCloseTo(float64.get(term), withinPercentage(1e-3));
        }
    }

    @Test
    void gradientOfTheStyleTransferTotalMatchesFiniteDifferences() {
        GradientCheck.Comparison c = GradientCheck.compare("style transfer total", SHAPE, OUTPUT, (tf, y) -> PerceptualLoss.style(tf,
                Vgg16Features.create(tf, weights, TFloat64.class), WEIGHTS, y,
                FloatingConstants.of(tf, TFloat64.class, Shape.of(SHAPE), CONTENT), targets).total());

        assertThat(c.maxAbsNumeric()).isPositive();
        assertThat(c.maxRelativeError()).isLessThan(GradientCheck.TOLERANCE);
    }

    @Test
    void superResolutionFeatureLossHasContentAndTvTerms() {
        Map<String, Double> terms = evaluate(TFloat64.class, (tf, y) -> PerceptualLoss.featureReconstruction(tf,
                Vgg16Features.create(tf, weights, TFloat64.class), WEIGHTS, y,
                FloatingConstants.of(tf, TFloat64.class, Shape.of(SHAPE), CONTENT)));

        Activation out = ReferenceVgg16.features(weights, new Activation(2, 8, 8, 3, OUTPUT)).get(Vgg16FeatureLayer.RELU3_3);
        Activation target = ReferenceVgg16.features(weights, new Activation(2, 8, 8, 3, CONTENT)).get(Vgg16FeatureLayer.RELU3_3);
        assertThat(terms.keySet()).containsExactly("content", "tv", "total");
        assertThat(terms.get("content")).isCloseTo(2.0 * ReferenceLosses.feature(out, target), withinPercentage(1e-9));
        assertThat(terms.get("total")).isCloseTo(terms.get("content") + terms.get("tv"), withinPercentage(1e-12));
    }

    @Test
    void pixelBaselineHasPixelAndTvTermsInEitherNorm() {
        for (PixelNorm norm : PixelNorm.values()) {
            Map<String, Double> terms = evaluate(TFloat64.class, (tf, y) -> PerceptualLoss.pixel(tf,
                    WEIGHTS.withPixelNorm(norm), y, FloatingConstants.of(tf, TFloat64.class, Shape.of(SHAPE), CONTENT)));

            double expected = norm == PixelNorm.L2 ? ReferenceLosses.pixelL2(OUTPUT, CONTENT) : ReferenceLosses.pixelL1(OUTPUT, CONTENT);
            assertThat(terms.keySet()).containsExactly("pixel", "tv", "total");
            assertThat(terms.get("pixel")).as(norm.name()).isCloseTo(0.7 * expected, withinPercentage(1e-9));
        }
    }

    interface LossBuilder<T extends TFloating> {
        PerceptualLoss<T> build(Ops tf, Operand<T> output);
    }

    /** Every term and the total (key "total") at OUTPUT. */
    static <T extends TFloating> Map<String, Double> evaluate(Class<T> type, LossBuilder<T> builder) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<T> y = tf.placeholder(type, Placeholder.shape(Shape.of(SHAPE)));
            PerceptualLoss<T> loss = builder.build(tf, y);
            List<String> names = new ArrayList<>(loss.terms().keySet());
            try (Session session = new Session(graph);
                 var in = type == TFloat64.class ? Tensors.float64(OUTPUT, SHAPE) : Tensors.float32(OUTPUT, SHAPE)) {
                Session.Runner runner = session.runner().feed(y, in);
                names.forEach(n -> runner.fetch(loss.terms().get(n)));
                runner.fetch(loss.total());
                Map<String, Double> values = new LinkedHashMap<>();
                try (Result result = runner.run()) {
                    for (int i = 0; i < names.size(); i++) {
                        values.put(names.get(i), Tensors.scalar(result.get(i)));
                    }
                    values.put("total", Tensors.scalar(result.get(names.size())));
                }
                return values;
            }
        }
    }
}
