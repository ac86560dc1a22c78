package dev.stylefleet.train.net;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The norm layer after a convolution: {@link BatchNorm} (paper) or {@link InstanceNorm}. */
interface Normalization {
    float EPSILON = TransformerNet.NORM_EPSILON;

    /**
     * @param training batch norm: normalise with batch statistics and append the moving-statistics
     *                 updates to {@code updates}; otherwise use the moving statistics
     */
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, boolean training, List<Op> updates);

    static Normalization create(NetParameters params, String prefix, NetOptions.Norm norm, int channels) {
        return norm == NetOptions.Norm.BATCH ? new BatchNorm(params, prefix, channels)
                : new InstanceNorm(params, prefix, channels);
    }
}
