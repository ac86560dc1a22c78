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
 *   <li>{@code subpixel} (Shi et al. 2016, ESPCN): a stride-1 3x3 convolution at the input size to
 *       {@code 4f} channels {@code [N, H, W, 4f]}, then depth-to-space by 2 in DCR order,
 *       {@code out[n, 2h+dy, 2w+dx, c] = in[n, h, w, (2 dy + dx) f + c]} (TensorFlow DepthToSpace,
 *       ONNX DepthToSpace mode DCR). The convolution runs at the low resolution, a quarter of the
 *       cost of {@code resize}. Written as Reshape/Transpose/Reshape here because those have
 *       registered gradients in TensorFlow Java 1.1.0 (DepthToSpace's is not in its C++ registry).</li>
 * </ul>
 * With {@code norm=none} the convolution carries a bias (see {@link NetOptions}).
 */
final class UpsampleLayer implements NetLayer {
    static final int FACTOR = 2;

    private final Variable<TFloat32> deconvWeights;
    private final Variable<TFloat32> deconvBias;
    private final Convolution conv;
    private final Normalization norm;
    private final NetOptions.Upsample mode;
    private final int out;

    UpsampleLayer(NetParameters params, String prefix, int in, int out, NetOptions options) {
        this.out = out;
        this.mode = options.upsample();
        int k = LayerSpec.Up.KERNEL;
        boolean bias = options.convBias(true);
        if (mode == NetOptions.Upsample.DECONV) {
            deconvWeights = params.uniform(ParamNames.join(prefix, ParamNames.DECONV, ParamNames.WEIGHTS),
                    new long[] {k, k, out, in}, (long) k * k * in);
            deconvBias = bias ? params.uniform(ParamNames.join(prefix, ParamNames.DECONV, ParamNames.BIAS),
                    new long[] {out}, (long) k * k * in) : null;
            conv = null;
        } else {
            deconvWeights = null;
            deconvBias = null;
            int convOut = mode == NetOptions.Upsample.SUBPIXEL ? out * FACTOR * FACTOR : out;
            conv = new Convolution(params, ParamNames.join(prefix, ParamNames.CONV), k, 1, in, convOut, bias,
                    options.padding());
        }
        norm = Normalization.create(params, ParamNames.join(prefix, ParamNames.NORM), options, out);
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, boolean training, List<Op> updates) {
        Operand<TInt32> shape = tf.shape(x);
        Operand<TInt32> zero = tf.constant(0);
        Operand<TInt32> factor = tf.constant(FACTOR);
        Operand<TInt32> n = tf.gather(shape, zero, zero);
        Operand<TInt32> h = tf.gather(shape, tf.constant(1), zero);
        Operand<TInt32> w = tf.gather(shape, tf.constant(2), zero);
        Operand<TInt32> h2 = tf.math.mul(h, factor);
        Operand<TInt32> w2 = tf.math.mul(w, factor);
        Operand<TFloat32> y;
        switch (mode) {
            case DECONV -> {
                Operand<TInt32> outShape = tf.stack(List.of(n, h2, w2, tf.constant(out)));
                y = tf.nn.conv2dBackpropInput(outShape, deconvWeights, x, List.of(1L, 2L, 2L, 1L), "SAME");
                if (deconvBias != null) {
                    y = tf.nn.biasAdd(y, deconvBias);
                }
            }
            case RESIZE -> y = conv.apply(tf, tf.image.resizeNearestNeighbor(x, tf.stack(List.of(h2, w2))));
            default -> y = depthToSpace(tf, conv.apply(tf, x), out);
        }
        return tf.nn.relu(norm.apply(tf, y, training, updates));
    }

    /**
     * Depth-to-space by 2, DCR order: {@code [N, H, W, 4f] -> [N, H, W, 2, 2, f] -> [N, H, 2, W, 2, f]
     * -> [N, 2H, 2W, f]}, so {@code out[n, 2h+dy, 2w+dx, c] = x[n, h, w, (2 dy + dx) f + c]}.
     */
    static Operand<TFloat32> depthToSpace(Ops tf, Operand<TFloat32> x, int channels) {
        Operand<TInt32> shape = tf.shape(x);
        Operand<TInt32> zero = tf.constant(0);
        Operand<TInt32> factor = tf.constant(FACTOR);
        Operand<TInt32> n = tf.gather(shape, zero, zero);
        Operand<TInt32> h = tf.gather(shape, tf.constant(1), zero);
        Operand<TInt32> w = tf.gather(shape, tf.constant(2), zero);
        Operand<TFloat32> split = tf.reshape(x, tf.stack(List.of(n, h, w, factor, factor, tf.constant(channels))));
        Operand<TFloat32> interleaved = tf.linalg.transpose(split, tf.constant(new int[] {0, 1, 3, 2, 4, 5}));
        return tf.reshape(interleaved, tf.stack(List.of(n, tf.math.mul(h, factor), tf.math.mul(w, factor),
                tf.constant(channels))));
    }
}
