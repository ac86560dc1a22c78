package dev.stylefleet.train.net;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code c<k>s<s>-<f>} and {@code d<f>}: convolution, norm, ReLU (the tables' "C x HxW conv"). The
 * output layer is a convolution with a bias and nothing after it, or with {@code outputNorm} a
 * convolution and a norm (no ReLU); the output mapping follows in {@link TransformerNet}.
 * Shapes: {@code [N, H, W, in] -> [N, ceil(H/s), ceil(W/s), f]}.
 */
final class ConvLayer implements NetLayer {
    private final Convolution conv;
    private final Normalization norm;
    private final boolean relu;

    ConvLayer(NetParameters params, String prefix, int kernel, int stride, int in, int out, boolean output,
            NetOptions options) {
        boolean normed = !output || options.outputNorm();
        this.conv = new Convolution(params, ParamNames.join(prefix, ParamNames.CONV), kernel, stride, in, out,
                options.convBias(normed), options.padding());
        this.norm = normed ? Normalization.create(params, ParamNames.join(prefix, ParamNames.NORM), options, out) : null;
        this.relu = !output;
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, boolean training, List<Op> updates) {
        Operand<TFloat32> y = conv.apply(tf, x);
        if (norm != null) {
            y = norm.apply(tf, y, training, updates);
        }
        return relu ? tf.nn.relu(y) : y;
    }
}
