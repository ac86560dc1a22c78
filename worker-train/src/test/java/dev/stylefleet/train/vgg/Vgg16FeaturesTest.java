package dev.stylefleet.train.vgg;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class Vgg16FeaturesTest {

    @TempDir
    static Path dir;

    static Vgg16Weights weights;

    @BeforeAll
    static void loadTestFile() {
        Path file = dir.resolve("vgg.h5");
        KerasVgg16File.write(file, 11);
        weights = Vgg16Weights.read(file);
    }

    @Test
    void preprocessingFlipsToBgrAndSubtractsTheImageNetMeans() {
        try (Graph graph = new Graph(); Session session = new Session(graph);
             TFloat64 pixel = Tensors.float64(new double[] {10, 20, 30, 255, 0, 128}, 1, 1, 2, 3)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat64> rgb = tf.placeholder(TFloat64.class);
            try (Result result = session.runner().feed(rgb, pixel).fetch(VggPreprocessing.apply(tf, rgb)).run()) {
                // By hand: (B, G, R) - (103.939, 116.779, 123.68).
                assertThat(Tensors.values(result.get(0))).containsExactly(
                        new double[] {30 - 103.939, 20 - 116.779, 10 - 123.68, 128 - 103.939, 0 - 116.779, 255 - 123.68},
                        within(1e-12));
            }
        }
    }

    @Test
    void activationShapesFollowThePoolingAndTheFileWidths() {
        // 16 x 20 -> 8 x 10 -> 4 x 5 -> 2 x 2 (VALID pooling floors 5 / 2).
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            Map<Vgg16FeatureLayer, Operand<TFloat32>> features =
                    Vgg16Features.create(tf, weights, TFloat32.class).apply(input);
            double[] image = Tensors.randomImage(new Random(1), 2, 16, 20);
            try (Session session = new Session(graph); TFloat32 in = Tensors.float32(image, 2, 16, 20, 3)) {
                Session.Runner runner = session.runner().feed(input, in);
                List<Vgg16FeatureLayer> layers = List.of(Vgg16FeatureLayer.values());
                layers.forEach(l -> runner.fetch(features.get(l)));
                try (Result result = runner.run()) {
                    assertThat(result.get(0).shape()).isEqualTo(Shape.of(2, 16, 20, 4));
                    assertThat(result.get(1).shape()).isEqualTo(Shape.of(2, 8, 10, 6));
                    assertThat(result.get(2).shape()).isEqualTo(Shape.of(2, 4, 5, 8));
                    assertThat(result.get(3).shape()).isEqualTo(Shape.of(2, 2, 2, 10));
                }
            }
        }
    }

    @Test
    void activationsMatchAPlainJavaVgg16InFloat64AndFloat32() {
        double[] image = Tensors.randomImage(new Random(2), 2, 12, 10);
        Map<Vgg16FeatureLayer, ReferenceVgg16.Activation> expected =
                ReferenceVgg16.features(weights, new ReferenceVgg16.Activation(2, 12, 10, 3, image));

        Map<Vgg16FeatureLayer, double[]> float64 = run(TFloat64.class, image, 2, 12, 10);
        Map<Vgg16FeatureLayer, double[]> float32 = run(TFloat32.class, image, 2, 12, 10);

        for (Vgg16FeatureLayer layer : Vgg16FeatureLayer.values()) {
            double[] reference = expected.get(layer).data();
            assertThat(Tensors.maxRelativeError(float64.get(layer), reference)).as(layer + " float64").isLessThan(1e-12);
            // float32 accumulates rounding over 10 convolutions: 1e-5 relative to the largest activation.
            assertThat(Tensors.maxRelativeError(float32.get(layer), reference)).as(layer + " float32").isLessThan(1e-5);
            assertThat(java.util.Arrays.stream(reference).filter(v -> v > 0).count()).as(layer + " has active units").isPositive();
        }
    }

    @Test
    void theWeightsAreConstantsSoAnOptimizerCannotTrainThem() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> a = tf.placeholder(TFloat32.class);
            Placeholder<TFloat32> b = tf.placeholder(TFloat32.class);
            Vgg16Features<TFloat32> vgg = Vgg16Features.create(tf, weights, TFloat32.class);
            vgg.apply(a);
            vgg.apply(b); // a second input (content image) shares the constants

            List<String> types = new ArrayList<>();
            long constants = 0;
            for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
                GraphOperation op = it.next();
                types.add(op.type());
                if (op.type().equals("Const") && op.name().startsWith("vgg16/")) {
                    constants++;
                }
            }
            assertThat(types).doesNotContain("VariableV2", "VarHandleOp", "Variable");
            assertThat(constants).isEqualTo(2L * Vgg16Weights.CONV_LAYERS.size());
        }
    }

    private static <T extends org.tensorflow.types.family.TFloating> Map<Vgg16FeatureLayer, double[]> run(
            Class<T> type, double[] image, int n, int h, int w) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<T> input = tf.placeholder(type);
            Map<Vgg16FeatureLayer, Operand<T>> features = Vgg16Features.create(tf, weights, type).apply(input);
            try (Session session = new Session(graph);
                 var in = type == TFloat64.class ? Tensors.float64(image, n, h, w, 3) : Tensors.float32(image, n, h, w, 3)) {
                Session.Runner runner = session.runner().feed(input, in);
                Vgg16FeatureLayer[] layers = Vgg16FeatureLayer.values();
                for (Vgg16FeatureLayer layer : layers) {
                    runner.fetch(features.get(layer));
                }
                Map<Vgg16FeatureLayer, double[]> out = new java.util.EnumMap<>(Vgg16FeatureLayer.class);
                try (Result result = runner.run()) {
                    for (int i = 0; i < layers.length; i++) {
                        out.put(layers[i], Tensors.values(result.get(i)));
                    }
                }
                return out;
            }
        }
    }
}
