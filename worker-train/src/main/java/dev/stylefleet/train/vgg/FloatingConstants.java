package dev.stylefleet.train.vgg;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/**
 * Graph constants of a chosen floating type. Training graphs are float32; the gradient checks build the
 * same graphs in float64 so that finite differences are exact enough to compare tightly.
 */
public final class FloatingConstants {

    private FloatingConstants() {}

    /** A constant of {@code type} (TFloat32 or TFloat64) holding {@code values} in row-major order. */
    @SuppressWarnings("unchecked")
    public static <T extends TFloating> Operand<T> of(Ops tf, Class<T> type, Shape shape, float[] values) {
        if (type == TFloat32.class) {
            return (Operand<T>) tf.constant(shape, DataBuffers.of(values, true, false));
        }
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return of(tf, type, shape, widened);
    }

    /** A constant of {@code type} (TFloat32 or TFloat64) holding {@code values} in row-major order. */
    @SuppressWarnings("unchecked")
    public static <T extends TFloating> Operand<T> of(Ops tf, Class<T> type, Shape shape, double[] values) {
        if (type == TFloat64.class) {
            return (Operand<T>) tf.constant(shape, DataBuffers.of(values, true, false));
        }
        if (type == TFloat32.class) {
            float[] narrowed = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                narrowed[i] = (float) values[i];
            }
            return (Operand<T>) tf.constant(shape, DataBuffers.of(narrowed, true, false));
        }
        throw new IllegalArgumentException("only TFloat32 and TFloat64 graphs are supported, got " + type.getSimpleName());
    }

    /** A scalar constant of {@code type}. */
    public static <T extends TFloating> Operand<T> scalar(Ops tf, Class<T> type, double value) {
        return of(tf, type, Shape.scalar(), new double[] {value});
    }
}
