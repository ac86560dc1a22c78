package dev.stylefleet.train.vgg;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The four VGG-16 activations the perceptual losses read (Johnson et al. 2016, Section 3: relu1_2,
 * relu2_2, relu3_3, relu4_3), with the name of the Keras convolution layer whose ReLU output they are.
 * The paper names are the ones job parameters use ({@code contentLayer}, keys of {@code styleLayerWeights}).
 */
public enum Vgg16FeatureLayer {
    RELU1_2("relu1_2", "block1_conv2"),
    RELU2_2("relu2_2", "block2_conv2"),
    RELU3_3("relu3_3", "block3_conv3"),
    RELU4_3("relu4_3", "block4_conv3");

    private final String paperName;
    private final String kerasLayer;

    Vgg16FeatureLayer(String paperName, String kerasLayer) {
        this.paperName = paperName;
        this.kerasLayer = kerasLayer;
    }

    /** The name used in the paper and in job parameters, for example {@code relu2_2}. */
    public String paperName() {
        return paperName;
    }

    /** The Keras layer whose (ReLU-activated) output this is, for example {@code block2_conv2}. */
    public String kerasLayer() {
        return kerasLayer;
    }

    /**
     * Parses a paper name.
     *
     * @param field the job parameter being parsed, named in the error message
     * @throws IllegalArgumentException naming the field and the allowed values
     */
    public static Vgg16FeatureLayer parse(String field, String name) {
        for (Vgg16FeatureLayer layer : values()) {
            if (layer.paperName.equals(name)) {
                return layer;
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + allowedNames() + ", got '" + name + "'");
    }

    static String allowedNames() {
        return Arrays.stream(values()).map(Vgg16FeatureLayer::paperName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return paperName;
    }
}
