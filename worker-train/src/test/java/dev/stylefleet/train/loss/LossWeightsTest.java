package dev.stylefleet.train.loss;

import dev.stylefleet.schemas.TrainParams;
import dev.stylefleet.train.vgg.Vgg16FeatureLayer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class LossWeightsTest {

    static TrainParams params(Double content, Double style, Double tv, Double pixel, String contentLayer,
                              Map<String, Double> styleLayers) {
        return new TrainParams(null, null, null, null, null, null, null, null, null, null, null, null,
                content, style, tv, pixel, contentLayer, styleLayers, null, null, null,
                null, null, null, null, null, null);
    }

    @Test
    void defaultsAreTheReferenceCodes() {
        LossWeights defaults = LossWeights.defaults();

        assertThat(defaults.content()).isEqualTo(1.0);
        assertThat(defaults.style()).isEqualTo(5.0);
        assertThat(defaults.tv()).isEqualTo(1e-6);
        assertThat(defaults.pixel()).isEqualTo(1.0);
        assertThat(defaults.contentLayer()).isEqualTo(Vgg16FeatureLayer.RELU2_2);
        assertThat(defaults.styleLayers()).containsOnly(
                entry(Vgg16FeatureLayer.RELU1_2, 1.0), entry(Vgg16FeatureLayer.RELU2_2, 1.0),
                entry(Vgg16FeatureLayer.RELU3_3, 1.0), entry(Vgg16FeatureLayer.RELU4_3, 1.0));
        assertThat(defaults.pixelNorm()).isEqualTo(PixelNorm.L2);
        assertThat(LossWeights.fromParams(params(null, null, null, null, null, null))).isEqualTo(defaults);
        assertThat(LossWeights.fromParams(null)).isEqualTo(defaults);
    }

    @Test
    void jobParametersOverrideAndUnnamedStyleLayersKeepTheirDefault() {
        LossWeights weights = LossWeights.fromParams(params(2.0, 10.0, 1e-4, 0.5, "relu3_3",
                Map.of("relu1_2", 2.5, "relu4_3", 0.0)));

        assertThat(weights.content()).isEqualTo(2.0);
        assertThat(weights.style()).isEqualTo(10.0);
        assertThat(weights.tv()).isEqualTo(1e-4);
        assertThat(weights.pixel()).isEqualTo(0.5);
        assertThat(weights.contentLayer()).isEqualTo(Vgg16FeatureLayer.RELU3_3);
        assertThat(weights.styleLayers()).containsOnly(
                entry(Vgg16FeatureLayer.RELU1_2, 2.5), entry(Vgg16FeatureLayer.RELU2_2, 1.0),
                entry(Vgg16FeatureLayer.RELU3_3, 1.0), entry(Vgg16FeatureLayer.RELU4_3, 0.0));
    }

    @Test
    void badParametersNameTheFieldAndWhatIsAllowed() {
        assertThatThrownBy(() -> LossWeights.fromParams(params(null, null, null, null, "relu5_3", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("params.contentLayer must be one of relu1_2, relu2_2, relu3_3, relu4_3, got 'relu5_3'");
        assertThatThrownBy(() -> LossWeights.fromParams(params(null, null, -1.0, null, null, null)))
                .hasMessage("params.tvWeight must be a finite number >= 0, got -1.0");
        assertThatThrownBy(() -> LossWeights.fromParams(params(null, Double.NaN, null, null, null, null)))
                .hasMessage("params.styleWeight must be a finite number >= 0, got NaN");
        assertThatThrownBy(() -> LossWeights.fromParams(params(null, null, null, null, null, Map.of("conv1_1", 1.0))))
                .hasMessage("params.styleLayerWeights must be one of relu1_2, relu2_2, relu3_3, relu4_3, got 'conv1_1'");
        assertThatThrownBy(() -> LossWeights.fromParams(params(null, null, null, null, null, Map.of("relu2_2", -2.0))))
                .hasMessage("params.styleLayerWeights.relu2_2 must be a finite number >= 0, got -2.0");
    }
}
