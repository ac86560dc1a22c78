package dev.stylefleet.train.net;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code C<f>}: the non-residual replacement of a residual block (supplementary section 2, the
 * baseline of its Figure 2): two plain 3x3 conv-norm-ReLU layers, no identity.
 *
 * <pre>
 *   x [N, H, W, in] -> conv3x3 -> norm -> ReLU -> conv3x3 -> norm -> ReLU -> [N, H, W, f]
 * </pre>
 */
final class PlainBlock implements NetLayer {
    private final Convolution conv1;
    private final Normalization norm1;
    private final Convolution conv2;
    private final Normalization norm2;

    PlainBlock(NetParameters params, String prefix, int in, int channels, NetOptions options) {
        int k = LayerSpec.Plain.KERNEL;
        conv1 = new Convolution(params, ParamNames.join(prefix, ParamNames.CONV1), k, 1, in, channels, options.convBias(true), options.padding());
        norm1 = Normalization.create(params, ParamNames.join(prefix, ParamNames.NORM1), options, channels);
        conv2 = new Convolution(params, ParamNames.join(prefix, ParamNames.CONV2), k, 1, channels, channels, options.convBias(true), options.padding());
        norm2 = Normalization.create(params, ParamNames.join(prefix, ParamNames.NORM2), options, channels);
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, boolean training, List<Op> updates) {
        Operand<TFloat32> y = tf.nn.relu(norm1.apply(tf, conv1.apply(tf, x), training, updates));
        return tf.nn.relu(norm2.apply(tf, conv2.apply(tf, y), training, updates));
    }
}
