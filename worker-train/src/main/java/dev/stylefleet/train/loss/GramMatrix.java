package dev.stylefleet.train.loss;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

import java.util.List;

/**
 * Gram matrix of feature activations, Johnson et al. 2016, Equation 3:
 * G_j(x)[c, c'] = 1 / (C_j H_j W_j) * sum_{h,w} phi_j(x)[h, w, c] * phi_j(x)[h, w, c'].
 *
 * <pre>
 *   features [N, H, W, C]  (NHWC)
 *   psi      [N, H*W, C]   reshape
 *   gram     [N, C, C]     psi^T psi / (C H W), one batched matmul (BatchMatMulV3, adj_x)
 * </pre>
 * Shapes are read at run time, so one graph serves any image size.
 */
public final class GramMatrix {

    private GramMatrix() {}

    public static <T extends TFloating> Operand<T> of(Ops tf, Operand<T> features) {
        Operand<TInt32> shape = tf.shape(features);
        Operand<TInt32> batch = tf.stridedSlice(shape, Indices.slice(0, 1));
        Operand<TInt32> channels = tf.stridedSlice(shape, Indices.slice(3, 4));
        Operand<TInt32> flatShape = tf.concat(List.of(batch, tf.constant(new int[] {-1}), channels), tf.constant(0));
        Operand<T> psi = tf.reshape(features, flatShape);
        Operand<T> gram = tf.train.batchMatMul(psi, psi, features.type(), BatchMatMul.adjX(true));
        Operand<T> chw = tf.dtypes.cast(tf.prod(tf.stridedSlice(shape, Indices.slice(1, 4)), tf.constant(0)), features.type());
        return tf.math.div(gram, chw);
    }
}
