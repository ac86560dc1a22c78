package dev.stylefleet.train.vgg;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The input preprocessing the Keras VGG-16 weights were trained with ({@code preprocess_input}, mode
 * "caffe"): RGB to BGR, then subtract the ImageNet channel means in BGR order. No scaling: pixels stay in
 * [0, 255].
 *
 * <pre>
 *   in : [N, H, W, 3] RGB, values in [0, 255]
 *   out: [N, H, W, 3] BGR, out[..., c] = in[..., 2 - c] - MEAN_BGR[c]
 * </pre>
 */
public final class VggPreprocessing {

    /** ImageNet channel means, BGR order, as in Keras' {@code imagenet_utils}. */
    public static final double[] MEAN_BGR = {103.939, 116.779, 123.68};

    private static final int CHANNEL_AXIS = 3;

    private VggPreprocessing() {}

    public static <T extends TFloating> Operand<T> apply(Ops tf, Operand<T> rgb) {
        Operand<T> bgr = tf.reverse(rgb, tf.constant(new int[] {CHANNEL_AXIS}));
        Operand<T> mean = FloatingConstants.of(tf, rgb.type(), Shape.of(MEAN_BGR.length), MEAN_BGR);
        return tf.math.sub(bgr, mean);
    }
}
