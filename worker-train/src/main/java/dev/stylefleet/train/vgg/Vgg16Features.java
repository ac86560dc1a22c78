package dev.stylefleet.train.vgg;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The VGG-16 loss network (Simonyan and Zisserman 2015, configuration D; Johnson et al. 2016, Section 3)
 * through relu4_3, built into a TensorFlow graph with the ImageNet weights as graph CONSTANTS: TensorFlow
 * Java's {@code Optimizer.minimize} trains every variable of a graph, and the loss network must stay frozen.
 *
 * <p>{@link #create} adds the weight constants once; {@link #apply} can then run the network on several
 * inputs (output image, content target) sharing them.
 *
 * <pre>
 *   input        [N, H, W, 3]        RGB in [0, 255], NHWC (CPU MaxPool has no NCHW kernel)
 *   preprocess   [N, H, W, 3]        BGR minus ImageNet mean (Keras "caffe" mode, {@link VggPreprocessing})
 *   block1_conv1 [N, H, W, C1]       3x3 conv, stride 1, SAME, bias, ReLU          (C1 = 64 in VGG-16)
 *   block1_conv2 [N, H, W, C1]                                   -> relu1_2
 *   max pool 2x2 stride 2, VALID     [N, H/2, W/2, C1]
 *   block2_conv1, block2_conv2       [N, H/2, W/2, C2]           -> relu2_2    (C2 = 128)
 *   max pool                         [N, H/4, W/4, C2]
 *   block3_conv1 .. block3_conv3     [N, H/4, W/4, C3]           -> relu3_3    (C3 = 256)
 *   max pool                         [N, H/8, W/8, C3]
 *   block4_conv1 .. block4_conv3     [N, H/8, W/8, C4]           -> relu4_3    (C4 = 512)
 * </pre>
 * Pooling floors odd sizes, as Keras' VALID pooling does. Widths come from the weights, so a test file
 * with narrower layers builds the same graph.
 *
 * @param <T> TFloat32 for training; TFloat64 for gradient checks
 */
public final class Vgg16Features<T extends TFloating> {

    private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L);
    private static final int[] POOL_2X2 = {1, 2, 2, 1};
    private static final String SAME = "SAME";
    private static final String VALID = "VALID";

    /** The layers of each block; a block ends with the feature it produces and (except the last) a pool. */
    private static final List<List<String>> BLOCKS = List.of(
            Vgg16Weights.CONV_LAYERS.subList(0, 2),
            Vgg16Weights.CONV_LAYERS.subList(2, 4),
            Vgg16Weights.CONV_LAYERS.subList(4, 7),
            Vgg16Weights.CONV_LAYERS.subList(7, 10));

    private final Ops tf;
    private final Vgg16Weights weights;
    private final Map<String, Operand<T>> kernels;
    private final Map<String, Operand<T>> biases;

    private Vgg16Features(Ops tf, Vgg16Weights weights, Map<String, Operand<T>> kernels, Map<String, Operand<T>> biases) {
        this.tf = tf;
        this.weights = weights;
        this.kernels = kernels;
        this.biases = biases;
    }

    /** Adds the weights of block1_conv1 .. block4_conv3 to the graph of {@code tf} as constants of {@code type}. */
    public static <T extends TFloating> Vgg16Features<T> create(Ops tf, Vgg16Weights weights, Class<T> type) {
        Ops scope = tf.withSubScope("vgg16");
        Map<String, Operand<T>> kernels = new HashMap<>();
        Map<String, Operand<T>> biases = new HashMap<>();
        for (String name : Vgg16Weights.CONV_LAYERS) {
            ConvLayerWeights layer = weights.layer(name);
            kernels.put(name, FloatingConstants.of(scope.withName(name + "_kernel"), type,
                    Shape.of(layer.shape()), layer.kernel()));
            biases.put(name, FloatingConstants.of(scope.withName(name + "_bias"), type,
                    Shape.of(layer.outChannels()), layer.bias()));
        }
        return new Vgg16Features<>(tf, weights, kernels, biases);
    }

    public Vgg16Weights weights() {
        return weights;
    }

    /**
     * Runs the network on {@code rgb} ([N, H, W, 3], RGB in [0, 255]) and returns the four feature
     * activations. Only what a loss fetches is computed: TensorFlow prunes unused layers at run time.
     */
    public Map<Vgg16FeatureLayer, Operand<T>> apply(Operand<T> rgb) {
        Ops scope = tf.withSubScope("vgg16_apply");
        Operand<TInt32> pool = scope.constant(POOL_2X2);
        Map<Vgg16FeatureLayer, Operand<T>> features = new EnumMap<>(Vgg16FeatureLayer.class);
        Operand<T> x = VggPreprocessing.apply(scope, rgb);
        for (int block = 0; block < BLOCKS.size(); block++) {
            if (block > 0) {
                x = scope.nn.maxPool(x, pool, pool, VALID);
            }
            for (String name : BLOCKS.get(block)) {
                Operand<T> conv = scope.nn.conv2d(x, kernels.get(name), UNIT_STRIDES, SAME);
                x = scope.withName(name).nn.relu(scope.nn.biasAdd(conv, biases.get(name)));
                for (Vgg16FeatureLayer feature : Vgg16FeatureLayer.values()) {
                    if (feature.kerasLayer().equals(name)) {
                        features.put(feature, x);
                    }
                }
            }
        }
        return Collections.unmodifiableMap(features);
    }
}
