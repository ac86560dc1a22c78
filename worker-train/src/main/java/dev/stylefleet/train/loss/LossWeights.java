package dev.stylefleet.train.loss;

import dev.stylefleet.schemas.TrainParams;
import dev.stylefleet.train.vgg.Vgg16FeatureLayer;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The weights of the loss terms, from the job parameters ({@link TrainParams}); a parameter left out takes
 * the documented default (docs/training.md). The paper gives no weights; the defaults are the reference
 * implementation's (content 1.0, style 5.0, TV 1e-6), in a normalisation that matches it (see
 * {@link FeatureReconstructionLoss}, {@link StyleReconstructionLoss}, {@link TotalVariationLoss}).
 *
 * @param content      lambda_c, feature reconstruction (job parameter {@code contentWeight})
 * @param style        lambda_s, style reconstruction ({@code styleWeight})
 * @param tv           lambda_TV, total variation ({@code tvWeight})
 * @param pixel        pixel loss, super-resolution pixel baseline ({@code pixelWeight})
 * @param contentLayer the layer of the feature reconstruction loss ({@code contentLayer})
 * @param styleLayers  w_j per style layer ({@code styleLayerWeights}); every layer is present, a layer the
 *                     job does not name keeps its default, 0 drops it
 * @param pixelNorm    L2 (the paper's) or L1; no job parameter yet, L2 unless set in code
 */
public record LossWeights(
        double content,
        double style,
        double tv,
        double pixel,
        Vgg16FeatureLayer contentLayer,
        Map<Vgg16FeatureLayer, Double> styleLayers,
        PixelNorm pixelNorm) {

    public static final double DEFAULT_CONTENT = 1.0;
    public static final double DEFAULT_STYLE = 5.0;
    public static final double DEFAULT_TV = 1e-6;
    public static final double DEFAULT_PIXEL = 1.0;
    /** The paper uses relu2_2 for style transfer and super-resolution (the reference code relu3_3). */
    public static final Vgg16FeatureLayer DEFAULT_CONTENT_LAYER = Vgg16FeatureLayer.RELU2_2;
    /** Every style layer (relu1_2, relu2_2, relu3_3, relu4_3) counts equally unless the job says otherwise. */
    public static final double DEFAULT_STYLE_LAYER_WEIGHT = 1.0;
    public static final PixelNorm DEFAULT_PIXEL_NORM = PixelNorm.L2;

    public LossWeights {
        requireWeight("contentWeight", content);
        requireWeight("styleWeight", style);
        requireWeight("tvWeight", tv);
        requireWeight("pixelWeight", pixel);
        if (contentLayer == null || pixelNorm == null) {
            throw new IllegalArgumentException("contentLayer and pixelNorm are required");
        }
        Map<Vgg16FeatureLayer, Double> complete = new EnumMap<>(Vgg16FeatureLayer.class);
        for (Vgg16FeatureLayer layer : Vgg16FeatureLayer.values()) {
            Double weight = styleLayers.get(layer);
            complete.put(layer, weight == null ? DEFAULT_STYLE_LAYER_WEIGHT : weight);
            requireWeight("styleLayerWeights." + layer.paperName(), complete.get(layer));
        }
        styleLayers = Collections.unmodifiableMap(complete);
    }

    public static LossWeights defaults() {
        return new LossWeights(DEFAULT_CONTENT, DEFAULT_STYLE, DEFAULT_TV, DEFAULT_PIXEL, DEFAULT_CONTENT_LAYER,
                Map.of(), DEFAULT_PIXEL_NORM);
    }

    /**
     * The weights of a job: each parameter that is null takes its default.
     *
     * @throws IllegalArgumentException naming the parameter and what is allowed
     */
    public static LossWeights fromParams(TrainParams params) {
        if (params == null) {
            return defaults();
        }
        Map<Vgg16FeatureLayer, Double> styleLayers = new EnumMap<>(Vgg16FeatureLayer.class);
        if (params.styleLayerWeights() != null) {
            for (Map.Entry<String, Double> entry : params.styleLayerWeights().entrySet()) {
                Vgg16FeatureLayer layer = Vgg16FeatureLayer.parse("params.styleLayerWeights", entry.getKey());
                if (entry.getValue() == null) {
                    throw new IllegalArgumentException("params.styleLayerWeights." + entry.getKey() + " must be a number >= 0");
                }
                styleLayers.put(layer, entry.getValue());
            }
        }
        return new LossWeights(
                orDefault(params.contentWeight(), DEFAULT_CONTENT),
                orDefault(params.styleWeight(), DEFAULT_STYLE),
                orDefault(params.tvWeight(), DEFAULT_TV),
                orDefault(params.pixelWeight(), DEFAULT_PIXEL),
                params.contentLayer() == null ? DEFAULT_CONTENT_LAYER
                        : Vgg16FeatureLayer.parse("params.contentLayer", params.contentLayer()),
                styleLayers,
                DEFAULT_PIXEL_NORM);
    }

    public LossWeights withPixelNorm(PixelNorm norm) {
        return new LossWeights(content, style, tv, pixel, contentLayer, styleLayers, norm);
    }

    private static double orDefault(Double value, double fallback) {
        return value == null ? fallback : value;
    }

    private static void requireWeight(String field, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("params." + field + " must be a finite number >= 0, got " + value);
        }
    }
}
