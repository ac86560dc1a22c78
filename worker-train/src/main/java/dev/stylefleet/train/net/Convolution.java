package dev.stylefleet.train.net;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A k x k convolution. Padding {@code zero} / {@code reflect}: symmetric (k-1)/2 on each side, then a
 * VALID convolution (the authors' padding). Padding {@code same}: TensorFlow's SAME, zero padding of
 * {@code max((ceil(n/s) - 1) s + k - n, 0)} in total with the smaller half at the top/left, so a
 * stride-2 layer on an even size pads one extra row/column at the bottom/right only: what nets
 * trained in TensorFlow expect. NHWC activations, HWIO weights {@code [k, k, in, out]}.
 *
 * <p>Shapes: {@code [N, H, W, in] -> [N, ceil(H/s), ceil(W/s), out]}.
 */
final class Convolution {
    private final Variable<TFloat32> weights;
    private final Variable<TFloat32> bias;
    private final int kernel;
    private final int stride;
    private final NetOptions.Padding padding;

    /**
     * @param withBias {@link NetOptions#convBias}: a norm layer right after a convolution cancels any
     *                 bias (its shift plays that role)
     */
    Convolution(NetParameters params, String prefix, int kernel, int stride, int in, int out, boolean withBias,
            NetOptions.Padding padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        long fanIn = (long) kernel * kernel * in;
        this.weights = params.uniform(ParamNames.join(prefix, ParamNames.WEIGHTS), new long[] {kernel, kernel, in, out}, fanIn);
        this.bias = withBias ? params.uniform(ParamNames.join(prefix, ParamNames.BIAS), new long[] {out}, fanIn) : null;
    }

    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
        if (padding == NetOptions.Padding.SAME) {
            Operand<TFloat32> y = tf.nn.conv2d(x, weights, List.of(1L, (long) stride, (long) stride, 1L), "SAME");
            return bias == null ? y : tf.nn.biasAdd(y, bias);
        }
        int p = kernel / 2;
        Operand<TFloat32> padded = x;
        if (p > 0) {
            Operand<org.tensorflow.types.TInt32> pads = tf.constant(new int[][] {{0, 0}, {p, p}, {p, p}, {0, 0}});
            padded = padding == NetOptions.Padding.REFLECT
                    ? tf.mirrorPad(x, pads, "REFLECT")
                    : tf.pad(x, pads, tf.constant(0f));
        }
        Operand<TFloat32> y = tf.nn.conv2d(padded, weights, List.of(1L, (long) stride, (long) stride, 1L), "VALID");
        return bias == null ? y : tf.nn.biasAdd(y, bias);
    }
}
