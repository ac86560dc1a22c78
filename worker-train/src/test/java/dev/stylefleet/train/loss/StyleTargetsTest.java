package dev.stylefleet.train.loss;

import dev.stylefleet.train.vgg.KerasVgg16File;
import dev.stylefleet.train.vgg.ReferenceVgg16;
import dev.stylefleet.train.vgg.ReferenceVgg16.Activation;
import dev.stylefleet.train.vgg.Tensors;
import dev.stylefleet.train.vgg.Vgg16FeatureLayer;
import dev.stylefleet.train.vgg.Vgg16Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat64;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StyleTargetsTest {

    @TempDir
    Path dir;

    @Test
    void areTheGramMatricesOfTheStyleImageInFloat32AndFloat64() {
        Path file = dir.resolve("vgg.h5");
        KerasVgg16File.write(file, 41);
        Vgg16Weights weights = Vgg16Weights.read(file);
        Random random = new Random(12);
        float[] style = new float[9 * 14 * 3];
        double[] styleD = new double[style.length];
        for (int i = 0; i < style.length; i++) {
            style[i] = (float) (random.nextDouble() * 255);
            styleD[i] = style[i];
        }
        Map<Vgg16FeatureLayer, Activation> features = ReferenceVgg16.features(weights, new Activation(1, 9, 14, 3, styleD));

        StyleTargets float32 = StyleTargets.compute(weights, style, 9, 14, ConfigProto.getDefaultInstance());
        StyleTargets float64 = StyleTargets.compute(weights, style, 9, 14, TFloat64.class, ConfigProto.getDefaultInstance());

        for (Vgg16FeatureLayer layer : Vgg16FeatureLayer.values()) {
            double[] expected = ReferenceLosses.gram(features.get(layer))[0];
            assertThat(float64.channels(layer)).isEqualTo(weights.channels(layer));
            assertThat(Tensors.maxRelativeError(float64.gram(layer), expected)).as(layer.paperName()).isLessThan(1e-12);
            assertThat(Tensors.maxRelativeError(float32.gram(layer), expected)).as(layer.paperName()).isLessThan(1e-5);
        }
    }

    @Test
    void rejectsAnImageOfTheWrongSize() {
        Path file = dir.resolve("vgg.h5");
        Vgg16Weights weights = KerasVgg16File.write(file, 1);

        assertThatThrownBy(() -> StyleTargets.compute(weights, new float[10], 4, 4, ConfigProto.getDefaultInstance()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("style image has 10 values, 4x4x3 needs 48");
    }
}
