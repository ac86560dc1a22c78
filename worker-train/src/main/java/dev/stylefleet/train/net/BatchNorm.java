package dev.stylefleet.train.net;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * Spatial batch normalisation (Ioffe and Szegedy), the paper's norm: per channel over N, H, W.
 * Training mode normalises with the batch statistics (FusedBatchNormV3, which has a registered
 * gradient) and updates the moving statistics as {@code moving -= (moving - batch) * momentum};
 * inference mode uses the moving statistics, which the ONNX export folds into the convolution.
 * NHWC in and out: {@code [N, H, W, C] -> [N, H, W, C]},
 * {@code y = (x - mean_c) / sqrt(var_c + eps) * gamma_c + beta_c}.
 */
final class BatchNorm implements Normalization {
    /** Torch's default momentum (the authors' code): the weight of the newest batch. */
    static final float MOMENTUM = 0.1f;

    private final Variable<TFloat32> gamma;
    private final Variable<TFloat32> beta;
    private final Variable<TFloat32> movingMean;
    private final Variable<TFloat32> movingVariance;

    private final float epsilon;

    BatchNorm(NetParameters params, String prefix, int channels, float epsilon) {
        this.epsilon = epsilon;
        long[] shape = {channels};
        gamma = params.filled(ParamNames.join(prefix, ParamNames.GAMMA), shape, 1f, true);
        beta = params.filled(ParamNames.join(prefix, ParamNames.BETA), shape, 0f, true);
        movingMean = params.filled(ParamNames.join(prefix, ParamNames.MOVING_MEAN), shape, 0f, false);
        movingVariance = params.filled(ParamNames.join(prefix, ParamNames.MOVING_VARIANCE), shape, 1f, false);
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, boolean training, List<Op> updates) {
        if (!training) {
            return tf.nn.fusedBatchNorm(x, gamma, beta, movingMean, movingVariance,
                    FusedBatchNorm.isTraining(false), FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.dataFormat("NHWC"))
                    .y();
        }
        Operand<TFloat32> none = tf.constant(new float[0]);
        FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(x, gamma, beta, none, none,
                FusedBatchNorm.isTraining(true), FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.dataFormat("NHWC"));
        Operand<TFloat32> momentum = tf.constant(MOMENTUM);
        // batchVariance is the unbiased estimate, as the moving variance should be.
        updates.add(tf.assignSub(movingMean, tf.math.mul(tf.math.sub(movingMean, bn.batchMean()), momentum)));
        updates.add(tf.assignSub(movingVariance,
                tf.math.mul(tf.math.sub(movingVariance, bn.batchVariance()), momentum)));
        return bn.y();
    }
}
