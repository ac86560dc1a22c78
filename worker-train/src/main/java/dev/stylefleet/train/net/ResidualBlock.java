package dev.stylefleet.train.net;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code R<f>}: the residual block of the paper (supplementary section 1, after Gross and Wilber):
 *
 * <pre>
 *   x [N, H, W, f] -> conv3x3 -> norm -> ReLU -> conv3x3 -> norm -> (+ x) -> [N, H, W, f]
 * </pre>
 *
 * with no ReLU after the addition. Both convolutions keep the size (padding 1, zero or reflect),
 * so the identity needs no crop.
 */
final class ResidualBlock implements NetLayer {
    private final Convolution conv1;
    private final Normalization norm1;
    private final Convolution conv2;
    private final Normalization norm2;

    ResidualBlock(NetParameters params, String prefix, int channels, NetOptions options) {
        int k = LayerSpec.Residual.KERNEL;
        conv1 = new Convolution(params, ParamNames.join(prefix, ParamNames.CONV1), k, 1, channels, channels, options.convBias(true), options.padding());
        norm1 = Normalization.create(params, ParamNames.join(prefix, ParamNames.NORM1), options, channels);
        conv2 = new Convolution(params, ParamNames.join(prefix, ParamNames.CONV2), k, 1, channels, channels, options.convBias(true), options.padding());
        norm2 = Normalization.create(params, ParamNames.join(prefix, ParamNames.NORM2), options, channels);
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, boolean training, List<Op> updates) {
        Operand<TFloat32> y = tf.nn.relu(norm1.apply(tf, conv1.apply(tf, x), training, updates));
        y = norm2.apply(tf, conv2.apply(tf, y), training, updates);
        return tf.math.add(x, y);
    }
}
