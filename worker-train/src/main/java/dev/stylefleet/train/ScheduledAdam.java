package dev.stylefleet.train;

import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Adam (Kingma and Ba 2015) whose learning rate is a graph input, so a schedule can change it from
 * step to step ({@link TrainingPlan#learningRateAt}). TensorFlow Java 1.1.0's own {@code Adam} bakes
 * its rate into the graph as a constant. The update is TensorFlow's ApplyAdam kernel with the same
 * defaults (beta1 0.9, beta2 0.999, epsilon 1e-8), so with a constant rate it is the same optimiser:
 *
 * <pre>
 *   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g²;  w -= lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps)
 * </pre>
 *
 * Slots {@code <var>-m}, {@code <var>-v} and the two beta powers are graph variables, so checkpoints
 * carry them and a resumed job continues the same optimisation.
 */
final class ScheduledAdam extends Optimizer {
    static final String NAME = "ScheduledAdam";
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final Operand<TFloat32> learningRate;
    private Variable<TFloat32> beta1Power;
    private Variable<TFloat32> beta2Power;

    /** @param learningRate a scalar, typically a placeholder fed with every step */
    ScheduledAdam(Graph graph, Operand<TFloat32> learningRate) {
        super(graph, NAME);
        this.learningRate = learningRate;
    }

    @Override
    protected void createSlots(List<Output<? extends TType>> variables) {
        for (Output<? extends TType> v : variables) {
            Output<TFloat32> var = floats(v);
            Shape shape = var.shape();
            createSlot(var, "m", tf.zeros(tf.constant(shape), TFloat32.class));
            createSlot(var, "v", tf.zeros(tf.constant(shape), TFloat32.class));
        }
    }

    @Override
    protected Optional<Op> prepare(String scopeName) {
        beta1Power = tf.withName(NAME + "-beta1_power").variable(tf.constant(BETA1));
        beta2Power = tf.withName(NAME + "-beta2_power").variable(tf.constant(BETA2));
        return Optional.empty();
    }

    @Override
    protected <T extends TType> Op applyDense(Ops ops, Output<T> gradient, Output<T> variable) {
        Output<TFloat32> var = floats(variable);
        Variable<TFloat32> m = getSlot(var, "m").orElseThrow();
        Variable<TFloat32> v = getSlot(var, "v").orElseThrow();
        return ops.train.applyAdam(var, m, v, beta1Power, beta2Power, learningRate, ops.constant(BETA1),
                ops.constant(BETA2), ops.constant(EPSILON), floats(gradient));
    }

    @Override
    protected Op finish(List<Op> updates, String name) {
        Ops deps = tf.withControlDependencies(updates);
        Op b1 = deps.assign(beta1Power, deps.math.mul(beta1Power, deps.constant(BETA1)));
        Op b2 = deps.assign(beta2Power, deps.math.mul(beta2Power, deps.constant(BETA2)));
        return tf.withControlDependencies(List.of(b1, b2)).withName(name).noOp();
    }

    @Override
    public String getOptimizerName() {
        return NAME;
    }

    @SuppressWarnings("unchecked")
    private static Output<TFloat32> floats(Output<? extends TType> o) {
        return (Output<TFloat32>) o;
    }
}
