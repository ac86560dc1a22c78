package dev.stylefleet.train.loss;

import dev.stylefleet.train.vgg.FloatingConstants;
import dev.stylefleet.train.vgg.Vgg16FeatureLayer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Style reconstruction loss, Johnson et al. 2016, Section 3.2: the distance between the Gram matrices
 * (Equation 3, {@link GramMatrix}) of the output and of the style image, summed over the style layers with
 * per-layer weights:
 * <pre>
 *   per layer j:  l_j = (1 / C_j^2) ||G_j(y) - G_j(y_s)||_F^2, averaged over the batch
 *                 G_j(y) [N, C_j, C_j], G_j(y_s) [1, C_j, C_j] broadcast (a constant, {@link StyleTargets})
 *   total:        sum_j w_j l_j
 * </pre>
 * Normalisation: the paper writes the squared Frobenius norm and gives no weights. We divide it by C_j^2
 * (the mean over the Gram entries), which is what the reference implementation's MSE criterion computes,
 * so that its style weight (5.0, the default here) means the same. With the bare Frobenius norm the deep
 * layers would weigh C_j^2 times more (64^2 .. 512^2), which is equivalent to per-layer weights of C_j^2.
 *
 * @param total    sum over the weighted layers of w_j * l_j (scalar)
 * @param perLayer the unweighted l_j of every layer with a non-zero weight (scalars)
 */
public record StyleReconstructionLoss<T extends TFloating>(Operand<T> total, Map<Vgg16FeatureLayer, Operand<T>> perLayer) {

    private static final int[] ALL_AXES = {0, 1, 2};

    /**
     * @param outputFeatures VGG activations of the output image ([N, H_j, W_j, C_j] per layer)
     * @param targets        Gram matrices of the style image
     * @param layerWeights   w_j per layer; layers with weight 0 are left out of the graph
     */
    public static <T extends TFloating> StyleReconstructionLoss<T> of(
            Ops tf, Map<Vgg16FeatureLayer, Operand<T>> outputFeatures, StyleTargets targets,
            Map<Vgg16FeatureLayer, Double> layerWeights) {
        Map<Vgg16FeatureLayer, Operand<T>> perLayer = new EnumMap<>(Vgg16FeatureLayer.class);
        Operand<T> total = null;
        for (Map.Entry<Vgg16FeatureLayer, Double> weight : layerWeights.entrySet()) {
            if (weight.getValue() == 0.0) {
                continue;
            }
            Vgg16FeatureLayer layer = weight.getKey();
            Operand<T> features = outputFeatures.get(layer);
            if (features == null) {
                throw new IllegalArgumentException("no output features for style layer " + layer);
            }
            Operand<T> gram = GramMatrix.of(tf, features);
            Operand<T> target = targets.constant(tf, layer, features.type());
            Operand<T> term = tf.math.mean(tf.math.square(tf.math.sub(gram, target)), tf.constant(ALL_AXES));
            perLayer.put(layer, term);
            Operand<T> weighted = tf.math.mul(FloatingConstants.scalar(tf, features.type(), weight.getValue()), term);
            total = total == null ? weighted : tf.math.add(total, weighted);
        }
        if (total == null) {
            throw new IllegalArgumentException("every style layer weight is 0; give at least one layer a positive weight");
        }
        return new StyleReconstructionLoss<>(total, Collections.unmodifiableMap(perLayer));
    }
}
