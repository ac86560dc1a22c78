package dev.stylefleet.train.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The graph is trainable: Adam over the trainable variables lowers a simple loss, batch norm's
 * moving statistics follow the batches, and the inference forward in the same graph uses them.
 */
class TransformerNetTrainingTest {

    // norm=none trains the residual super-resolution recipe; ResidualSrTrainingTest covers it.
    @ParameterizedTest
    @EnumSource(value = NetOptions.Norm.class, names = {"BATCH", "INSTANCE"})
    void adamLowersTheLossAndBatchNormTracksMovingStatistics(NetOptions.Norm norm) {
        NetOptions options = new NetOptions(norm, NetOptions.Upsample.RESIZE, NetOptions.Padding.REFLECT, 0.25);
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            TransformerNet net = TransformerNet.create(g, ArchSpec.preset("style"), options, 3);
            Placeholder<TFloat32> image = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            Placeholder<TFloat32> target = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            TransformerNet.Forward train = net.forward(image, true);
            TransformerNet.Forward infer = net.forward(image, false);
            Operand<TFloat32> loss = tf.math.mean(tf.math.squaredDifference(train.output(), target),
                    tf.constant(new int[] {0, 1, 2, 3}));
            Op step = net.trainStep(new Adam(g, 1e-2f), loss, train);

            assertThat(train.updates()).hasSize(norm == NetOptions.Norm.BATCH ? 2 * 15 : 0);
            FloatTensor x = TestImages.nhwc(2, 32, 32, 1);
            FloatTensor y = invert(x);
            List<Float> losses = new ArrayList<>();
            try (Session s = new Session(g); TFloat32 xt = x.toTensor(); TFloat32 yt = y.toTensor()) {
                for (int i = 0; i < 30; i++) {
                    try (Result r = s.runner().feed(image, xt).feed(target, yt).addTarget(step).fetch(loss).run()) {
                        losses.add(((TFloat32) r.get(0)).getFloat());
                    }
                }
                assertThat(losses.get(losses.size() - 1)).as("loss after 30 Adam steps, history %s", losses)
                        .isLessThan(0.7f * losses.get(0));
                if (norm == NetOptions.Norm.BATCH) {
                    try (Result r = s.runner().fetch(net.variables().get("net.l00_c9s1-32.norm.moving_mean"))
                            .fetch(net.variables().get("net.l00_c9s1-32.norm.moving_variance")).run()) {
                        FloatTensor mean = FloatTensor.of((TFloat32) r.get(0));
                        FloatTensor var = FloatTensor.of((TFloat32) r.get(1));
                        assertThat(maxAbs(mean)).as("moving mean moved from 0").isGreaterThan(1e-3f);
                        float[] ones = new float[var.values().length];
                        java.util.Arrays.fill(ones, 1f);
                        assertThat(var.maxAbsDiff(new FloatTensor(var.shape(), ones))).as("moving variance moved from 1")
                                .isGreaterThan(1e-3);
                    }
                }
                try (Result r = s.runner().feed(image, xt).fetch(infer.output()).fetch(train.output()).run()) {
                    FloatTensor inferOut = FloatTensor.of((TFloat32) r.get(0));
                    FloatTensor trainOut = FloatTensor.of((TFloat32) r.get(1));
                    if (norm == NetOptions.Norm.INSTANCE) {
                        // Instance norm has no batch statistics: both passes compute the same function.
                        assertThat(inferOut.maxAbsDiff(trainOut)).isLessThan(1e-3);
                    } else {
                        // After 30 updates with momentum 0.1 the moving statistics are near, not at, the batch's.
                        assertThat(inferOut.maxAbsDiff(trainOut)).isGreaterThan(0.0);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(NetOptions.Norm.class)
    void plainMinimizeFailsWhereMovingStatisticsExistWhichIsWhyTrainStepExists(NetOptions.Norm norm) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            TransformerNet net = TransformerNet.create(g, ArchSpec.parse("c3s1-4,c3s1-3"),
                    NetOptions.PAPER.withNorm(norm), 3);
            Placeholder<TFloat32> image = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            Operand<TFloat32> loss = tf.math.mean(net.forward(image, true).output(), tf.constant(new int[] {0, 1, 2, 3}));
            if (norm == NetOptions.Norm.BATCH) {
                assertThatThrownBy(() -> new Adam(g, 1e-3f).minimize(loss)).hasMessageContaining("unreachable");
            } else {
                new Adam(g, 1e-3f).minimize(loss);
            }
        }
    }

    private static FloatTensor invert(FloatTensor x) {
        float[] v = x.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = 255f - v[i];
        }
        return new FloatTensor(x.shape(), v);
    }

    private static float maxAbs(FloatTensor t) {
        float m = 0;
        for (float v : t.values()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
