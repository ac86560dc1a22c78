package dev.stylefleet.train.loss;

import dev.stylefleet.train.vgg.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

import java.util.function.BiFunction;

/**
 * Compares TensorFlow's symbolic gradient of a scalar loss with respect to its input image with central
 * finite differences, (f(x + h e_i) - f(x - h e_i)) / 2h for every element i, in float64.
 */
final class GradientCheck {

    /**
     * Step in pixel units (images are in [0, 255]). Large against float64 rounding (about 1e-16 |f| / h),
     * small against the curvature of the losses, and small enough that a step rarely moves a ReLU input or a
     * max-pool winner across its kink (inputs are fixed-seed random, so a check that passes always passes).
     */
    static final double STEP = 1e-3;

    /**
     * Largest accepted max |symbolic - numeric| / max |numeric|. Measured errors are 1e-10 .. 7e-10
     * (docs/training.md), a margin of over 1000x; a gradient with a missing term or a wrong factor is off by
     * that term's share of the gradient, orders of magnitude more.
     */
    static final double TOLERANCE = 1e-6;

    record Comparison(double[] symbolic, double[] numeric) {

        /** max_i |symbolic_i - numeric_i| / max_i |numeric_i|. */
        double maxRelativeError() {
            return Tensors.maxRelativeError(symbolic, numeric);
        }

        double maxAbsNumeric() {
            double max = 0;
            for (double v : numeric) {
                max = Math.max(max, Math.abs(v));
            }
            return max;
        }
    }

    private GradientCheck() {}

    /**
     * Compares, and prints the result (the figures quoted in docs/training.md come from this line).
     *
     * @param label  what is checked, for the printed line
     * @param lossOf builds the loss of the input placeholder in the given float64 graph
     */
    static Comparison compare(String label, long[] shape, double[] x0,
                              BiFunction<Ops, Operand<TFloat64>, Operand<TFloat64>> lossOf) {
        Comparison comparison = compare(shape, x0, lossOf);
        System.out.printf("gradient check %s: max |symbolic - numeric| / max |numeric| = %.2e (max |numeric| = %.2e)%n",
                label, comparison.maxRelativeError(), comparison.maxAbsNumeric());
        return comparison;
    }

    private static Comparison compare(long[] shape, double[] x0, BiFunction<Ops, Operand<TFloat64>, Operand<TFloat64>> lossOf) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat64> x = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(shape)));
            Operand<TFloat64> loss = lossOf.apply(tf, x);
            Output<?> gradient = graph.addGradients(loss.asOutput(), new Output<?>[] {x.asOutput()})[0];
            try (Session session = new Session(graph)) {
                double[] symbolic;
                try (TFloat64 in = Tensors.float64(x0, shape); Result result = session.runner().feed(x, in).fetch(gradient).run()) {
                    symbolic = Tensors.values(result.get(0));
                }
                double[] numeric = new double[x0.length];
                double[] probe = x0.clone();
                for (int i = 0; i < x0.length; i++) {
                    probe[i] = x0[i] + STEP;
                    double plus = evaluate(session, x, loss, probe, shape);
                    probe[i] = x0[i] - STEP;
                    double minus = evaluate(session, x, loss, probe, shape);
                    probe[i] = x0[i];
                    numeric[i] = (plus - minus) / (2 * STEP);
                }
                return new Comparison(symbolic, numeric);
            }
        }
    }

    /** The loss at {@code x0}, in float64. */
    static double value(long[] shape, double[] x0, BiFunction<Ops, Operand<TFloat64>, Operand<TFloat64>> lossOf) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat64> x = tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(shape)));
            Operand<TFloat64> loss = lossOf.apply(tf, x);
            try (Session session = new Session(graph)) {
                return evaluate(session, x, loss, x0, shape);
            }
        }
    }

    private static double evaluate(Session session, Placeholder<TFloat64> x, Operand<TFloat64> loss, double[] at, long[] shape) {
        try (TFloat64 in = Tensors.float64(at, shape); Result result = session.runner().feed(x, in).fetch(loss).run()) {
            return Tensors.scalar(result.get(0));
        }
    }
}
