package dev.stylefleet.train.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The variables of one transform network, by stable op name (session.save/restore match
 * checkpoint entries by op name, so names are part of the checkpoint format). Variables live in
 * the graph's root scope with flat dotted names ({@link ParamNames}): TensorFlow Java's optimisers
 * name their slot variables {@code <variable name>-m} through {@code withName}, which rejects '/'.
 *
 * <p>Initial values are computed in the graph (random and fill ops), not in Java: values computed
 * in Java would become constants inside the GraphDef. Convolution weights start uniform in
 * {@code +-1/sqrt(fan_in)}, Torch's default and so the authors' code's; norm scales start at 1,
 * shifts at 0; moving statistics at mean 0, variance 1. Every random op gets its own fixed seed
 * pair (network seed, creation index), so one seed gives the same network every time.
 */
public final class NetParameters {
    private final Ops tf;
    private final long seed;
    private final Map<String, Variable<TFloat32>> all = new LinkedHashMap<>();
    private final List<Variable<TFloat32>> trainable = new ArrayList<>();
    private final List<Variable<TFloat32>> movingStatistics = new ArrayList<>();

    NetParameters(Ops root, long seed) {
        this.tf = root;
        this.seed = seed;
    }

    /** A trainable weight tensor, uniform in {@code +-1/sqrt(fanIn)}. */
    Variable<TFloat32> uniform(String name, long[] shape, long fanIn) {
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        // seed2 must be non-zero for a deterministic op even when the network seed is 0.
        Operand<TFloat32> unit = tf.random.randomUniform(tf.constant(shape), TFloat32.class,
                RandomUniform.seed(seed), RandomUniform.seed2(all.size() + 1L));
        Operand<TFloat32> init = tf.math.sub(tf.math.mul(unit, tf.constant(2 * bound)), tf.constant(bound));
        return register(name, init, true);
    }

    /** A tensor filled with one value; trainable or a moving statistic. */
    Variable<TFloat32> filled(String name, long[] shape, float value, boolean isTrainable) {
        Operand<TInt64> dims = tf.constant(shape);
        return register(name, tf.fill(dims, tf.constant(value)), isTrainable);
    }

    private Variable<TFloat32> register(String name, Operand<TFloat32> init, boolean isTrainable) {
        Variable<TFloat32> v = tf.withName(name).variable(init);
        String full = v.op().name();
        if (all.containsKey(full)) {
            throw new IllegalStateException("duplicate variable " + full);
        }
        all.put(full, v);
        (isTrainable ? trainable : movingStatistics).add(v);
        return v;
    }

    /** Every variable by op name, in creation order. */
    public Map<String, Variable<TFloat32>> all() {
        return Collections.unmodifiableMap(all);
    }

    /** Variables the optimiser updates (weights, biases, norm scales and shifts). */
    public List<Variable<TFloat32>> trainable() {
        return Collections.unmodifiableList(trainable);
    }

    /** Batch-norm moving means and variances: updated by the training forward pass, not by gradients. */
    public List<Variable<TFloat32>> movingStatistics() {
        return Collections.unmodifiableList(movingStatistics);
    }
}
