package dev.stylefleet.train.vgg;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

import java.util.Random;

/** Test helpers: tensors from arrays and back, random images. */
public final class Tensors {

    private Tensors() {}

    public static TFloat64 float64(double[] values, long... shape) {
        return TFloat64.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    public static TFloat32 float32(double[] values, long... shape) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(f, true, false));
    }

    public static double[] values(Tensor tensor) {
        int size = (int) tensor.shape().size();
        double[] out = new double[size];
        if (tensor instanceof TFloat64 d) {
            d.copyTo(DataBuffers.of(out, false, false));
        } else if (tensor instanceof TFloat32 f) {
            float[] narrow = new float[size];
            f.copyTo(DataBuffers.of(narrow, false, false));
            for (int i = 0; i < size; i++) {
                out[i] = narrow[i];
            }
        } else {
            throw new IllegalArgumentException("not a float tensor: " + tensor.dataType());
        }
        return out;
    }

    public static double scalar(Tensor tensor) {
        return values(tensor)[0];
    }

    /** Uniform pixels in [0, 255]. */
    public static double[] randomImage(Random random, int n, int h, int w) {
        double[] image = new double[n * h * w * 3];
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextDouble() * 255;
        }
        return image;
    }

    /** Largest |a - b| relative to the largest |b| (1 when b is all zero). */
    public static double maxRelativeError(double[] a, double[] b) {
        double maxDiff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return maxDiff / Math.max(scale, 1e-300);
    }
}
