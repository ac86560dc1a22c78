package dev.stylefleet.train.loss;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Feature reconstruction loss, Johnson et al. 2016, Equation 2:
 * l_feat(y, y_c) = ||phi_j(y) - phi_j(y_c)||_2^2 / (C_j H_j W_j), averaged over the batch.
 *
 * <pre>
 *   output, target [N, H_j, W_j, C_j]  activations of the same VGG layer
 *   loss           scalar              = mean over all N*H*W*C elements of the squared difference
 * </pre>
 * The mean over every element is exactly the per-image normalisation by C H W followed by the batch mean;
 * it is also the reference code's MSE criterion, so its content weight (1.0) carries over unchanged.
 */
public final class FeatureReconstructionLoss {

    private static final int[] ALL_AXES = {0, 1, 2, 3};

    private FeatureReconstructionLoss() {}

    public static <T extends TFloating> Operand<T> of(Ops tf, Operand<T> output, Operand<T> target) {
        return tf.math.mean(tf.math.squaredDifference(output, target), tf.constant(ALL_AXES));
    }
}
