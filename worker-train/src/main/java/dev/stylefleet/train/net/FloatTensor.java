package dev.stylefleet.train.net;

import java.util.Arrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A float32 tensor held in Java: row-major values and their shape. Used for images (NHWC or NCHW,
 * as the holder says) and for weights read out of a session.
 */
public record FloatTensor(long[] shape, float[] values) {

    public FloatTensor {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + values.length);
        }
    }

    public static FloatTensor of(TFloat32 t) {
        float[] v = new float[Math.toIntExact(t.size())];
        t.copyTo(DataBuffers.of(v, false, false));
        return new FloatTensor(t.shape().asArray(), v);
    }

    /** A new TensorFlow tensor with a copy of the values; the caller closes it. */
    public TFloat32 toTensor() {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    public int dim(int i) {
        return Math.toIntExact(shape[i]);
    }

    /** NHWC to NCHW (or any [a, b, c, d] to [a, d, b, c]). */
    public FloatTensor nhwcToNchw() {
        int n = dim(0), h = dim(1), w = dim(2), c = dim(3);
        float[] out = new float[values.length];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < c; k++) {
                        out[((b * c + k) * h + y) * w + x] = values[((b * h + y) * w + x) * c + k];
                    }
                }
            }
        }
        return new FloatTensor(new long[] {n, c, h, w}, out);
    }

    /** NCHW to NHWC. */
    public FloatTensor nchwToNhwc() {
        int n = dim(0), c = dim(1), h = dim(2), w = dim(3);
        float[] out = new float[values.length];
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < c; k++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out[((b * h + y) * w + x) * c + k] = values[((b * c + k) * h + y) * w + x];
                    }
                }
            }
        }
        return new FloatTensor(new long[] {n, h, w, c}, out);
    }

    /** Largest absolute element-wise difference; the shapes must be equal. */
    public double maxAbsDiff(FloatTensor other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException("shapes differ: " + Arrays.toString(shape) + " vs "
                    + Arrays.toString(other.shape));
        }
        double max = 0;
        for (int i = 0; i < values.length; i++) {
            max = Math.max(max, Math.abs((double) values[i] - other.values[i]));
        }
        return max;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
