package dev.stylefleet.train.net;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The norm layer after a convolution: {@link BatchNorm} (paper), {@link InstanceNorm}, or none at all
 * ({@code norm=none}: the identity, and the convolution before it carries a bias instead).
 */
interface Normalization {

    /**
     * @param training batch norm: normalise with batch statistics and append the moving-statistics
     *                 updates to {@code updates}; otherwise use the moving statistics
     */
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, boolean training, List<Op> updates);

    static Normalization create(NetParameters params, String prefix, NetOptions options, int channels) {
        float epsilon = (float) options.normEpsilon();
        return switch (options.norm()) {
            case BATCH -> new BatchNorm(params, prefix, channels, epsilon);
            case INSTANCE -> new InstanceNorm(params, prefix, channels, epsilon);
            case NONE -> (tf, x, training, updates) -> x;
        };
    }
}
