package dev.stylefleet.train.net;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Instance normalisation (Ulyanov et al.): per sample and channel over H and W, the same in
 * training and inference, with a learned scale and shift; ONNX InstanceNormalization computes
 * exactly this (biased variance, same epsilon). Built from Mean/SquaredDifference/Rsqrt, which all
 * have registered gradients. NHWC in and out: {@code [N, H, W, C] -> [N, H, W, C]},
 * {@code y = (x - mean_nc) / sqrt(var_nc + eps) * gamma_c + beta_c} with mean and biased variance over H, W.
 */
final class InstanceNorm implements Normalization {
    private final Variable<TFloat32> gamma;
    private final Variable<TFloat32> beta;

    private final float epsilon;

    InstanceNorm(NetParameters params, String prefix, int channels, float epsilon) {
        this.epsilon = epsilon;
        long[] shape = {channels};
        gamma = params.filled(ParamNames.join(prefix, ParamNames.GAMMA), shape, 1f, true);
        beta = params.filled(ParamNames.join(prefix, ParamNames.BETA), shape, 0f, true);
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, boolean training, List<Op> updates) {
        Operand<org.tensorflow.types.TInt32> spatial = tf.constant(new int[] {1, 2});
        Operand<TFloat32> mean = tf.math.mean(x, spatial, Mean.keepDims(true));
        Operand<TFloat32> variance = tf.math.mean(tf.math.squaredDifference(x, mean), spatial, Mean.keepDims(true));
        Operand<TFloat32> scale = tf.math.mul(tf.math.rsqrt(tf.math.add(variance, tf.constant(epsilon))), gamma);
        return tf.math.add(tf.math.mul(tf.math.sub(x, mean), scale), beta);
    }
}
