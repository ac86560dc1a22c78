package dev.stylefleet.train.net;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@code u<f>}: x2 upsampling, norm, ReLU. Shapes: {@code [N, H, W, in] -> [N, 2H, 2W, f]}.
 *
 * <ul>
 *   <li>{@code deconv} (paper: "3x3 conv, stride 1/2"): a transposed convolution, TensorFlow's
 *       Conv2DBackpropInput with SAME padding and stride 2. Its output size must be given as a
 *       tensor; it is computed from {@code tf.shape(x)} so the graph stays dynamic. Weights
 *       {@code [3, 3, f, in]}. Equivalent ONNX: ConvTranspose, strides 2, pads (0, 0, 1, 1).</li>
 *   <li>{@code resize}: nearest-neighbour x2 (source pixel floor(i/2)), then a stride-1 3x3
 *       convolution with the network's padding: every output pixel sees the same number of
 *       kernel taps, so no checkerboard artefacts (Odena et al.). Weights {@code [3, 3, in, f]}.</li>
 * </ul>
 */
final class UpsampleLayer implements NetLayer {
    static final int FACTOR = 2;

    private final Variable<TFloat32> deconvWeights;
    private final Convolution conv;
    private final Normalization norm;
    private final int out;

    UpsampleLayer(NetParameters params, String prefix, int in, int out, NetOptions options) {
        this.out = out;
        int k = LayerSpec.Up.KERNEL;
        if (options.upsample() == NetOptions.Upsample.DECONV) {
            deconvWeights = params.uniform(ParamNames.join(prefix, ParamNames.DECONV, ParamNames.WEIGHTS),
                    new long[] {k, k, out, in}, (long) k * k * in);
            conv = null;
        } else {
            deconvWeights = null;
            conv = new Convolution(params, ParamNames.join(prefix, ParamNames.CONV), k, 1, in, out, false, options.padding());
        }
        norm = Normalization.create(params, ParamNames.join(prefix, ParamNames.NORM), options.norm(), out);
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, boolean training, List<Op> updates) {
        Operand<TInt32> shape = tf.shape(x);
        Operand<TInt32> zero = tf.constant(0);
        Operand<TInt32> factor = tf.constant(FACTOR);
        Operand<TInt32> h2 = tf.math.mul(tf.gather(shape, tf.constant(1), zero), factor);
        Operand<TInt32> w2 = tf.math.mul(tf.gather(shape, tf.constant(2), zero), factor);
        Operand<TFloat32> y;
        if (deconvWeights != null) {
            Operand<TInt32> outShape = tf.stack(List.of(tf.gather(shape, zero, zero), h2, w2, tf.constant(out)));
            y = tf.nn.conv2dBackpropInput(outShape, deconvWeights, x, List.of(1L, 2L, 2L, 1L), "SAME");
        } else {
            y = conv.apply(tf, tf.image.resizeNearestNeighbor(x, tf.stack(List.of(h2, w2))));
        }
        return tf.nn.relu(norm.apply(tf, y, training, updates));
    }
}
