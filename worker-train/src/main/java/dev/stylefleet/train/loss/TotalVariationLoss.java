package dev.stylefleet.train.loss;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Total variation regulariser l_TV(y) (Johnson et al. 2016, Section 3.3, after Mahendran and Vedaldi),
 * squared form: per image the sum over channels and pixels of the squared differences between vertical and
 * horizontal neighbours, then the mean over the batch.
 *
 * <pre>
 *   image  [N, H, W, C] in [0, 255]
 *   dy     [N, H-1, W, C] = image[:, 1:, :, :] - image[:, :-1, :, :]
 *   dx     [N, H, W-1, C] = image[:, :, 1:, :] - image[:, :, :-1, :]
 *   loss   scalar = mean_n ( sum dy^2 + sum dx^2 )
 * </pre>
 * Not normalised by the image size, as in the reference code, so the paper's TV weights (1e-6 .. 1e-4)
 * keep their meaning; docs/training.md relates this to the reference implementation exactly.
 */
public final class TotalVariationLoss {

    private static final int[] IMAGE_AXES = {1, 2, 3};
    private static final int[] BATCH_AXIS = {0};

    private TotalVariationLoss() {}

    public static <T extends TFloating> Operand<T> of(Ops tf, Operand<T> image) {
        Operand<T> dy = tf.math.sub(
                tf.stridedSlice(image, Indices.all(), Indices.sliceFrom(1)),
                tf.stridedSlice(image, Indices.all(), Indices.sliceTo(-1)));
        Operand<T> dx = tf.math.sub(
                tf.stridedSlice(image, Indices.all(), Indices.all(), Indices.sliceFrom(1)),
                tf.stridedSlice(image, Indices.all(), Indices.all(), Indices.sliceTo(-1)));
        Operand<T> perImage = tf.math.add(
                tf.sum(tf.math.square(dy), tf.constant(IMAGE_AXES)),
                tf.sum(tf.math.square(dx), tf.constant(IMAGE_AXES)));
        return tf.math.mean(perImage, tf.constant(BATCH_AXIS));
    }
}
