package dev.stylefleet.train.loss;

import dev.stylefleet.train.vgg.FloatingConstants;
import dev.stylefleet.train.vgg.Vgg16FeatureLayer;
import dev.stylefleet.train.vgg.Vgg16Features;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training objective of a job, Johnson et al. 2016, Equation 1 / Sections 4 and 5, as weighted terms:
 * <ul>
 *   <li>style transfer: lambda_c l_feat(y, y_c) at the content layer + lambda_s l_style(y, y_s)
 *       + lambda_TV l_TV(y);</li>
 *   <li>super-resolution with feature loss: lambda_c l_feat(y, y_hr) at the content layer (relu2_2 by
 *       default) + lambda_TV l_TV(y);</li>
 *   <li>super-resolution pixel baseline: lambda_pixel l_pixel(y, y_hr) + lambda_TV l_TV(y).</li>
 * </ul>
 * All images are [N, H, W, 3] RGB in [0, 255]. {@link #terms()} holds each WEIGHTED term under the names
 * the job progress events use ({@code content}, {@code style}, {@code tv}, {@code pixel}); they add up to
 * {@link #total()}. {@link #styleLayers()} holds the unweighted per-layer style losses for diagnostics.
 */
public record PerceptualLoss<T extends TFloating>(
        Operand<T> total,
        Map<String, Operand<T>> terms,
        Map<Vgg16FeatureLayer, Operand<T>> styleLayers) {

    public static final String CONTENT = "content";
    public static final String STYLE = "style";
    public static final String TV = "tv";
    public static final String PIXEL = "pixel";

    /** Style transfer: output {@code y} against content images {@code y_c} (same shape) and the style targets. */
    public static <T extends TFloating> PerceptualLoss<T> style(Ops tf, Vgg16Features<T> vgg, LossWeights weights,
                                                                Operand<T> output, Operand<T> content,
                                                                StyleTargets styleTargets) {
        Map<Vgg16FeatureLayer, Operand<T>> outputFeatures = vgg.apply(output);
        Map<Vgg16FeatureLayer, Operand<T>> contentFeatures = vgg.apply(content);
        Map<String, Operand<T>> terms = new LinkedHashMap<>();
        Vgg16FeatureLayer layer = weights.contentLayer();
        terms.put(CONTENT, weighted(tf, weights.content(),
                FeatureReconstructionLoss.of(tf, outputFeatures.get(layer), contentFeatures.get(layer))));
        StyleReconstructionLoss<T> style =
                StyleReconstructionLoss.of(tf, outputFeatures, styleTargets, weights.styleLayers());
        terms.put(STYLE, weighted(tf, weights.style(), style.total()));
        terms.put(TV, weighted(tf, weights.tv(), TotalVariationLoss.of(tf, output)));
        return of(tf, terms, style.perLayer());
    }

    /** Super-resolution with the feature reconstruction loss: output against the high-resolution target. */
    public static <T extends TFloating> PerceptualLoss<T> featureReconstruction(Ops tf, Vgg16Features<T> vgg,
                                                                                LossWeights weights,
                                                                                Operand<T> output, Operand<T> target) {
        Vgg16FeatureLayer layer = weights.contentLayer();
        Map<String, Operand<T>> terms = new LinkedHashMap<>();
        terms.put(CONTENT, weighted(tf, weights.content(),
                FeatureReconstructionLoss.of(tf, vgg.apply(output).get(layer), vgg.apply(target).get(layer))));
        terms.put(TV, weighted(tf, weights.tv(), TotalVariationLoss.of(tf, output)));
        return of(tf, terms, Map.of());
    }

    /** Super-resolution pixel baseline: no loss network. */
    public static <T extends TFloating> PerceptualLoss<T> pixel(Ops tf, LossWeights weights,
                                                                Operand<T> output, Operand<T> target) {
        Map<String, Operand<T>> terms = new LinkedHashMap<>();
        terms.put(PIXEL, weighted(tf, weights.pixel(), PixelLoss.of(tf, weights.pixelNorm(), output, target)));
        terms.put(TV, weighted(tf, weights.tv(), TotalVariationLoss.of(tf, output)));
        return of(tf, terms, Map.of());
    }

    private static <T extends TFloating> PerceptualLoss<T> of(Ops tf, Map<String, Operand<T>> terms,
                                                              Map<Vgg16FeatureLayer, Operand<T>> styleLayers) {
        Operand<T> total = null;
        for (Operand<T> term : terms.values()) {
            total = total == null ? term : tf.math.add(total, term);
        }
        return new PerceptualLoss<>(total, Collections.unmodifiableMap(terms),
                styleLayers);
    }

    private static <T extends TFloating> Operand<T> weighted(Ops tf, double weight, Operand<T> loss) {
        return tf.math.mul(FloatingConstants.scalar(tf, loss.type(), weight), loss);
    }
}
