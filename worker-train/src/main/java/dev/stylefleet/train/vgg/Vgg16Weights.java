package dev.stylefleet.train.vgg;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ImageNet weights of the VGG-16 convolution layers block1_conv1 .. block4_conv3 (everything the
 * losses need, up to relu4_3), read from a Keras HDF5 weights file such as
 * {@code vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5}.
 *
 * <p>The file is read the way Keras' {@code load_weights} reads it, so both Keras 1 and Keras 2 files work:
 * <ul>
 *   <li>the root attribute {@code layer_names} lists the layers (Keras splits long lists into
 *       {@code layer_names0}, {@code layer_names1}, ...; a whole-model file keeps them under the group
 *       {@code model_weights});</li>
 *   <li>each layer is a group named after the layer, whose attribute {@code weight_names} lists the weight
 *       datasets in the layer's weight order, as paths relative to that group: kernel first, bias second.
 *       Keras 1 writes {@code block1_conv1_W_1:0} / {@code block1_conv1_b_1:0}, Keras 2 writes
 *       {@code block1_conv1/kernel:0} / {@code block1_conv1/bias:0}; following {@code weight_names} handles
 *       both without guessing names.</li>
 * </ul>
 * Kernels are HWIO (the "tf dim ordering" of the file name). Channel widths are taken from the file, not
 * hard-coded, and checked to chain (each layer's input channels = the previous layer's output channels, 3
 * for the first).
 */
public final class Vgg16Weights {

    /** The convolution layers through relu4_3, in network order. Block 5 is not needed and not read. */
    public static final List<String> CONV_LAYERS = List.of(
            "block1_conv1", "block1_conv2",
            "block2_conv1", "block2_conv2",
            "block3_conv1", "block3_conv2", "block3_conv3",
            "block4_conv1", "block4_conv2", "block4_conv3");

    private final Map<String, ConvLayerWeights> layers;

    public Vgg16Weights(Map<String, ConvLayerWeights> layers) {
        Map<String, ConvLayerWeights> ordered = new LinkedHashMap<>();
        int channels = 3;
        for (String name : CONV_LAYERS) {
            ConvLayerWeights layer = layers.get(name);
            if (layer == null) {
                throw new IllegalArgumentException("missing convolution layer " + name);
            }
            if (layer.shape()[0] != 3 || layer.shape()[1] != 3) {
                throw new IllegalArgumentException(name + ": VGG-16 kernels are 3x3, got shape " + Arrays.toString(layer.shape()));
            }
            if (layer.inChannels() != channels) {
                throw new IllegalArgumentException(name + ": kernel expects " + layer.inChannels()
                        + " input channels but the previous layer gives " + channels);
            }
            channels = layer.outChannels();
            ordered.put(name, layer);
        }
        this.layers = Collections.unmodifiableMap(ordered);
    }

    /** The weights of one of {@link #CONV_LAYERS}. */
    public ConvLayerWeights layer(String name) {
        ConvLayerWeights layer = layers.get(name);
        if (layer == null) {
            throw new IllegalArgumentException("unknown layer " + name + "; known: " + CONV_LAYERS);
        }
        return layer;
    }

    /** Output channels of the layer a feature is tapped from (64, 128, 256, 512 in the real network). */
    public int channels(Vgg16FeatureLayer feature) {
        return layer(feature.kerasLayer()).outChannels();
    }

    /**
     * Reads a Keras HDF5 weights file.
     *
     * @throws LossNetworkUnavailableException when the file cannot be read or does not hold the VGG-16 layers
     */
    public static Vgg16Weights read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new LossNetworkUnavailableException("VGG-16 weights file " + file + " does not exist");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            Group root = hdf;
            if (root.getAttribute("layer_names") == null && root.getAttribute("layer_names0") == null
                    && root.getChild("model_weights") instanceof Group modelWeights) {
                root = modelWeights;
            }
            List<String> layerNames = stringListAttribute(root, "layer_names");
            if (layerNames.isEmpty()) {
                throw new LossNetworkUnavailableException("VGG-16 weights file " + file
                        + " is not a Keras weights file: the root has no 'layer_names' attribute");
            }
            Map<String, ConvLayerWeights> layers = new LinkedHashMap<>();
            for (String name : CONV_LAYERS) {
                if (!layerNames.contains(name)) {
                    throw new LossNetworkUnavailableException("VGG-16 weights file " + file + " has no layer " + name
                            + " (its layer_names are " + layerNames + ")");
                }
                layers.put(name, readConvLayer(file, root, name));
            }
            return new Vgg16Weights(layers);
        } catch (HdfException | IllegalArgumentException | ClassCastException e) {
            throw new LossNetworkUnavailableException("VGG-16 weights file " + file
                    + " cannot be read as a Keras VGG-16 weights file: " + e.getMessage(), e);
        }
    }

    private static ConvLayerWeights readConvLayer(Path file, Group root, String name) {
        if (!(root.getChild(name) instanceof Group group)) {
            throw new LossNetworkUnavailableException("VGG-16 weights file " + file + ": layer " + name
                    + " is listed in layer_names but there is no group of that name");
        }
        List<String> weightNames = stringListAttribute(group, "weight_names");
        if (weightNames.size() != 2) {
            throw new LossNetworkUnavailableException("VGG-16 weights file " + file + ": layer " + name
                    + " must have 2 weights (kernel, bias), its weight_names are " + weightNames);
        }
        Dataset kernel = dataset(file, group, weightNames.get(0));
        Dataset bias = dataset(file, group, weightNames.get(1));
        int[] dims = kernel.getDimensions();
        long[] shape = Arrays.stream(dims).asLongStream().toArray();
        return new ConvLayerWeights(name, floats(kernel), shape, floats(bias));
    }

    private static Dataset dataset(Path file, Group group, String relativePath) {
        Node node = group.getByPath(relativePath);
        if (!(node instanceof Dataset dataset)) {
            throw new LossNetworkUnavailableException("VGG-16 weights file " + file + ": " + group.getPath()
                    + relativePath + " is not a dataset");
        }
        return dataset;
    }

    private static float[] floats(Dataset dataset) {
        Object flat = dataset.getDataFlat();
        if (flat instanceof float[] f) {
            return f;
        }
        if (flat instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        throw new IllegalArgumentException(dataset.getPath() + " holds " + dataset.getJavaType()
                + ", expected float32 or float64");
    }

    /**
     * A string-list attribute as Keras' {@code load_attributes_from_hdf5_group} reads it: {@code name}, or,
     * when Keras had to split it to stay under the HDF5 object-header limit, {@code name0}, {@code name1}, ...
     * concatenated. A missing or zero-length attribute is an empty list.
     */
    static List<String> stringListAttribute(Node node, String name) {
        if (node.getAttribute(name) != null) {
            return strings(node.getAttribute(name));
        }
        List<String> all = new ArrayList<>();
        for (int chunk = 0; node.getAttribute(name + chunk) != null; chunk++) {
            all.addAll(strings(node.getAttribute(name + chunk)));
        }
        return all;
    }

    private static List<String> strings(Attribute attribute) {
        if (attribute.isEmpty() || attribute.getSize() == 0) {
            return List.of();
        }
        Object data = attribute.getData();
        if (data instanceof String s) {
            return List.of(s);
        }
        if (data instanceof String[] array) {
            return List.of(array);
        }
        throw new IllegalArgumentException("attribute " + attribute.getName() + " of " + attribute.getNode().getPath()
                + " holds " + attribute.getJavaType() + ", expected strings");
    }
}
