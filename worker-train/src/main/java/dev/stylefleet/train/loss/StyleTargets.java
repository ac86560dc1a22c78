package dev.stylefleet.train.loss;

import dev.stylefleet.train.vgg.FloatingConstants;
import dev.stylefleet.train.vgg.Vgg16FeatureLayer;
import dev.stylefleet.train.vgg.Vgg16Features;
import dev.stylefleet.train.vgg.Vgg16Weights;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The Gram matrices G_j(y_s) of the style image at the four style layers. They do not change during
 * training, so they are computed once per style image (one VGG forward pass in a graph of their own) and
 * enter the training graph as constants, instead of running the style image through VGG at every step.
 *
 * @param grams per layer, the C_j x C_j Gram matrix, row-major
 */
public record StyleTargets(Map<Vgg16FeatureLayer, double[]> grams) {

    public StyleTargets {
        Map<Vgg16FeatureLayer, double[]> copy = new EnumMap<>(Vgg16FeatureLayer.class);
        for (Map.Entry<Vgg16FeatureLayer, double[]> entry : grams.entrySet()) {
            int length = entry.getValue().length;
            int channels = (int) Math.round(Math.sqrt(length));
            if (channels * channels != length) {
                throw new IllegalArgumentException("the Gram matrix of " + entry.getKey() + " has " + length
                        + " values, which is not C*C");
            }
            copy.put(entry.getKey(), entry.getValue().clone());
        }
        grams = Collections.unmodifiableMap(copy);
    }

    /** C_j, the number of channels of the layer's Gram matrix. */
    public int channels(Vgg16FeatureLayer layer) {
        return (int) Math.round(Math.sqrt(gram(layer).length));
    }

    public double[] gram(Vgg16FeatureLayer layer) {
        double[] gram = grams.get(layer);
        if (gram == null) {
            throw new IllegalArgumentException("no style target for " + layer + "; targets exist for " + grams.keySet());
        }
        return gram;
    }

    /** The target of one layer as a [1, C, C] constant, broadcast over the batch by the loss. */
    public <T extends TFloating> Operand<T> constant(Ops tf, Vgg16FeatureLayer layer, Class<T> type) {
        int c = channels(layer);
        return FloatingConstants.of(tf, type, Shape.of(1, c, c), gram(layer));
    }

    /** Float32 targets, as the training graph uses. {@code rgb} is [height, width, 3] row-major, RGB in [0, 255]. */
    public static StyleTargets compute(Vgg16Weights weights, float[] rgb, int height, int width, ConfigProto session) {
        return compute(weights, rgb, height, width, TFloat32.class, session);
    }

    /**
     * Runs the style image through VGG-16 in a graph of {@code type} and returns its Gram matrices.
     *
     * @param rgb     the style image, [height, width, 3] row-major, RGB in [0, 255]
     * @param session TensorFlow session options (thread counts); {@code ConfigProto.getDefaultInstance()} for
     *                TensorFlow's defaults
     */
    public static <T extends TFloating> StyleTargets compute(Vgg16Weights weights, float[] rgb, int height, int width,
                                                             Class<T> type, ConfigProto session) {
        if (rgb.length != height * width * 3) {
            throw new IllegalArgumentException("style image has " + rgb.length + " values, " + height + "x" + width
                    + "x3 needs " + height * width * 3);
        }
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Operand<T> image = FloatingConstants.of(tf, type, Shape.of(1, height, width, 3), rgb);
            Map<Vgg16FeatureLayer, Operand<T>> features = Vgg16Features.create(tf, weights, type).apply(image);
            List<Vgg16FeatureLayer> layers = new ArrayList<>(features.keySet());
            try (Session s = new Session(graph, session)) {
                Session.Runner runner = s.runner();
                for (Vgg16FeatureLayer layer : layers) {
                    runner.fetch(GramMatrix.of(tf, features.get(layer)));
                }
                Map<Vgg16FeatureLayer, double[]> grams = new EnumMap<>(Vgg16FeatureLayer.class);
                try (Result result = runner.run()) {
                    for (int i = 0; i < layers.size(); i++) {
                        grams.put(layers.get(i), values(result.get(i)));
                    }
                }
                return new StyleTargets(grams);
            }
        }
    }

    private static double[] values(Tensor tensor) {
        int size = (int) tensor.shape().size();
        double[] values = new double[size];
        if (tensor instanceof TFloat64 doubles) {
            doubles.copyTo(DataBuffers.of(values, false, false));
        } else if (tensor instanceof TFloat32 floats) {
            float[] narrow = new float[size];
            floats.copyTo(DataBuffers.of(narrow, false, false));
            for (int i = 0; i < size; i++) {
                values[i] = narrow[i];
            }
        } else {
            throw new IllegalStateException("unexpected tensor type " + tensor.dataType());
        }
        return values;
    }
}
