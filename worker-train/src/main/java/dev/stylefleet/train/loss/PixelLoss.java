package dev.stylefleet.train.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Pixel loss between an output image and its target (Johnson et al. 2016, Section 3.3:
 * l_pixel = ||y - y_hat||_2^2 / (C H W)), averaged over the batch; or its L1 variant.
 *
 * <pre>
 *   output, target [N, H, W, C] in [0, 255]
 *   L2: mean over all elements of (output - target)^2
 *   L1: mean over all elements of |output - target|
 * </pre>
 */
public final class PixelLoss {

    private static final int[] ALL_AXES = {0, 1, 2, 3};

    private PixelLoss() {}

    public static <T extends TFloating> Operand<T> of(Ops tf, PixelNorm norm, Operand<T> output, Operand<T> target) {
        Operand<T> perElement = switch (norm) {
            case L2 -> tf.math.squaredDifference(output, target);
            case L1 -> tf.math.abs(tf.math.sub(output, target));
        };
        return tf.math.mean(perElement, tf.constant(ALL_AXES));
    }
}
