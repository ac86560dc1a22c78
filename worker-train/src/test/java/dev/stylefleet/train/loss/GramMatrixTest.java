package dev.stylefleet.train.loss;

import dev.stylefleet.train.vgg.ReferenceVgg16.Activation;
import dev.stylefleet.train.vgg.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GramMatrixTest {

    @Test
    void matchesAHandComputedExampleAndIsBatched() {
        // One 2x2 image with 2 channels: pixel (h, w) holds (c0, c1).
        //   (0,0) = (1, 2)   (0,1) = (3, 4)
        //   (1,0) = (5, 6)   (1,1) = (7, 8)
        // psi rows: c0 = [1 3 5 7], c1 = [2 4 6 8]
        // G00 = 1+9+25+49 = 84, G01 = G10 = 2+12+30+56 = 100, G11 = 4+16+36+64 = 120; divided by C*H*W = 8.
        // The second image is the first times 2, so its Gram matrix is 4 times larger.
        double[] features = {1, 2, 3, 4, 5, 6, 7, 8, 2, 4, 6, 8, 10, 12, 14, 16};

        double[] gram = run(features, 2, 2, 2, 2);

        assertThat(gram).containsExactly(new double[] {10.5, 12.5, 12.5, 15, 42, 50, 50, 60}, within(1e-12));
    }

    @Test
    void oneGraphServesAnyShapeAndMatchesTheDirectComputation() {
        Random random = new Random(3);
        for (int[] s : new int[][] {{1, 3, 1, 2}, {3, 5, 4, 6}}) {
            double[] features = new double[s[0] * s[1] * s[2] * s[3]];
            for (int i = 0; i < features.length; i++) {
                features[i] = random.nextGaussian() * 10;
            }
            double[][] expected = ReferenceLosses.gram(new Activation(s[0], s[1], s[2], s[3], features));

            double[] gram = run(features, s);

            for (int b = 0; b < s[0]; b++) {
                for (int i = 0; i < s[3] * s[3]; i++) {
                    assertThat(gram[b * s[3] * s[3] + i]).isCloseTo(expected[b][i], within(1e-10));
                }
            }
        }
    }

    private static double[] run(double[] features, int... shape) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat64> x = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, -1, -1, -1)));
            Operand<TFloat64> gram = GramMatrix.of(tf, x);
            try (Session session = new Session(graph);
                 TFloat64 in = Tensors.float64(features, shape[0], shape[1], shape[2], shape[3]);
                 Result result = session.runner().feed(x, in).fetch(gram).run()) {
                assertThat(result.get(0).shape()).isEqualTo(Shape.of(shape[0], shape[3], shape[3]));
                return Tensors.values(result.get(0));
            }
        }
    }
}
