package dev.stylefleet.train.net;

import dev.stylefleet.platform.imaging.KeysCubic;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The bicubic upscale of the {@code skip=bicubic} option, in the graph: Keys' kernel a = -0.5 at
 * half-pixel centres with the border replicated, exactly what worker-infer's {@code bicubic-x4/x8}
 * built-ins compute, written the same way, as a polyphase convolution:
 *
 * <pre>
 *   image [N, H, W, 3]        RGB in [0, 255]
 *   edge pad 2                [N, H+4, W+4, 3]       (slices + concat: TF has no edge mode)
 *   depthwise 5x5, VALID      [N, H, W, 3 s²]        one filter per output phase (py, px), channel c s² + py s + px
 *   depth-to-space (CRD)      [N, H s, W s, 3]       out[n, Y s + py, X s + px, c]
 * </pre>
 *
 * Output pixel {@code X s + p} samples the input at {@code X + d_p}, {@code d_p = (p + 0.5)/s - 0.5},
 * so each phase uses fixed weights {@code keys(d_p - o)} at offsets {@code o = -2..2}
 * ({@link KeysCubic#phaseWeights}, which the ONNX export's skip and the bicubic built-ins use too).
 * TensorFlow's own ResizeBicubic with half-pixel centres drops out-of-image taps and renormalises instead of
 * replicating the border, which would differ from the ONNX export near the edges; this does not.
 * Nothing is trained here, so no gradient passes through it.
 */
public final class BicubicUpscale {
    /** Input pixels on each side of a sample position that a phase filter can reach. */
    public static final int TAP_REACH = KeysCubic.TAP_REACH;
    /** Taps of a phase filter along one axis, offsets -2..2. */
    public static final int TAPS = KeysCubic.TAPS;

    private BicubicUpscale() {}

    /** Depthwise filter [5, 5, 3, s²]: channel c's multiplier py*s + px is phase (py, px) ({@link KeysCubic#phaseFilters}). */
    static float[][][][] filters(int scale) {
        float[] phases = KeysCubic.phaseFilters(scale);
        float[][][][] f = new float[TAPS][TAPS][3][scale * scale];
        for (int phase = 0; phase < scale * scale; phase++) {
            for (int i = 0; i < TAPS; i++) {
                for (int j = 0; j < TAPS; j++) {
                    for (int c = 0; c < 3; c++) {
                        f[i][j][c][phase] = phases[(phase * TAPS + i) * TAPS + j];
                    }
                }
            }
        }
        return f;
    }

    static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> image, int scale) {
        Operand<TFloat32> padded = edgePad(tf, edgePad(tf, image, 1), 2);
        Operand<TFloat32> phases = tf.nn.depthwiseConv2dNative(padded, tf.constant(filters(scale)),
                List.of(1L, 1L, 1L, 1L), "VALID");
        Operand<TInt32> shape = tf.shape(image);
        Operand<TInt32> zero = tf.constant(0);
        Operand<TInt32> n = tf.gather(shape, zero, zero);
        Operand<TInt32> h = tf.gather(shape, tf.constant(1), zero);
        Operand<TInt32> w = tf.gather(shape, tf.constant(2), zero);
        Operand<TInt32> s = tf.constant(scale);
        Operand<TFloat32> split = tf.reshape(phases, tf.stack(List.of(n, h, w, tf.constant(3), s, s)));
        Operand<TFloat32> interleaved = tf.linalg.transpose(split, tf.constant(new int[] {0, 1, 4, 2, 5, 3}));
        return tf.reshape(interleaved, tf.stack(List.of(n, tf.math.mul(h, s), tf.math.mul(w, s), tf.constant(3))));
    }

    /** Replicates the first and last row/column {@link #TAP_REACH} times along {@code axis} (1 = H, 2 = W). */
    private static Operand<TFloat32> edgePad(Ops tf, Operand<TFloat32> x, int axis) {
        Operand<TInt32> zero = tf.constant(0);
        Operand<TInt32> lastIndex = tf.math.sub(tf.gather(tf.shape(x), tf.constant(axis), zero), tf.constant(1));
        int[] one = {-1, -1, -1, -1};
        one[axis] = 1;
        Operand<TFloat32> first = tf.slice(x, tf.constant(new int[4]), tf.constant(one));
        Operand<TInt32> lastBegin = axis == 1 ? tf.stack(List.of(zero, lastIndex, zero, zero))
                : tf.stack(List.of(zero, zero, lastIndex, zero));
        Operand<TFloat32> last = tf.slice(x, lastBegin, tf.constant(one));
        return tf.concat(List.of(first, first, x, last, last), tf.constant(axis));
    }
}
