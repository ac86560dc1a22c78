package dev.stylefleet.train.net;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code c<k>s<s>-<f>} and {@code d<f>}: convolution, norm, ReLU (the tables' "C x HxW conv"). The
 * output layer is a convolution with a bias and nothing after it (the scaled tanh follows in
 * {@link TransformerNet}). Shapes: {@code [N, H, W, in] -> [N, H/s, W/s, f]}.
 */
final class ConvLayer implements NetLayer {
    private final Convolution conv;
    private final Normalization norm;

    ConvLayer(NetParameters params, String prefix, int kernel, int stride, int in, int out, boolean output,
            NetOptions options) {
        this.conv = new Convolution(params, ParamNames.join(prefix, ParamNames.CONV), kernel, stride, in, out, output,
                options.padding());
        this.norm = output ? null : Normalization.create(params, ParamNames.join(prefix, ParamNames.NORM), options.norm(), out);
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, boolean training, List<Op> updates) {
        Operand<TFloat32> y = conv.apply(tf, x);
        return norm == null ? y : tf.nn.relu(norm.apply(tf, y, training, updates));
    }
}
