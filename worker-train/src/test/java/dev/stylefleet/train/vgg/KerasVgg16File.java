package dev.stylefleet.train.vgg;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a small VGG-16 weights file with the Keras HDF5 layout and random weights, with jhdf's writer,
 * so tests load it through the production reader. Layers, order and names are those of
 * vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 (input, 13 convolutions, 5 pools); the channel
 * widths are reduced (the reader takes them from the file).
 *
 * <p>One difference from a file written by Keras/h5py: layers without weights (input, pools) carry no
 * {@code weight_names} attribute, because jhdf 0.9.4 cannot write a zero-length attribute (it throws
 * ArrayIndexOutOfBoundsException). The reader never reads those layers' attributes.
 */
public final class KerasVgg16File {

    /** How the file names its weights. */
    public enum Layout {
        /** Keras 1 (the published file): datasets {@code block1_conv1/block1_conv1_W_1:0} and {@code ..._b_1:0}. */
        KERAS1,
        /** Keras 2: datasets {@code block1_conv1/block1_conv1/kernel:0} and {@code .../bias:0}. */
        KERAS2,
        /**
         * A Keras 2 whole-model file: everything under the group {@code model_weights}, with
         * {@code layer_names} split into {@code layer_names0} and {@code layer_names1} as Keras does for
         * long attributes.
         */
        KERAS2_MODEL
    }

    /** Channel widths of blocks 1..5 used by the tests (VGG-16: 64, 128, 256, 512, 512). */
    public static final int[] TEST_WIDTHS = {4, 6, 8, 10, 10};

    private static final int[] CONVS_PER_BLOCK = {2, 2, 3, 3, 3};

    private KerasVgg16File() {}

    /** Writes the file and returns the weights it holds for the layers the loss network uses. */
    public static Vgg16Weights write(Path file, Layout layout, int[] widths, long seed) {
        Random random = new Random(seed);
        Map<String, ConvLayerWeights> written = new LinkedHashMap<>();
        List<String> layerNames = new ArrayList<>();
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup root = layout == Layout.KERAS2_MODEL ? hdf.putGroup("model_weights") : hdf;
            hdf.putAttribute("keras_version", layout == Layout.KERAS1 ? "1.1.0" : "2.2.4");
            hdf.putAttribute("backend", "tensorflow");
            layerNames.add("input_1");
            root.putGroup("input_1");
            int in = 3;
            for (int block = 1; block <= CONVS_PER_BLOCK.length; block++) {
                int out = widths[block - 1];
                for (int conv = 1; conv <= CONVS_PER_BLOCK[block - 1]; conv++) {
                    String name = "block" + block + "_conv" + conv;
                    ConvLayerWeights weights = randomConv(random, name, in, out);
                    writeConv(root, layout, weights);
                    layerNames.add(name);
                    if (Vgg16Weights.CONV_LAYERS.contains(name)) {
                        written.put(name, weights);
                    }
                    in = out;
                }
                String pool = "block" + block + "_pool";
                root.putGroup(pool);
                layerNames.add(pool);
            }
            if (layout == Layout.KERAS2_MODEL) {
                int half = layerNames.size() / 2;
                root.putAttribute("layer_names0", layerNames.subList(0, half).toArray(String[]::new));
                root.putAttribute("layer_names1", layerNames.subList(half, layerNames.size()).toArray(String[]::new));
            } else {
                root.putAttribute("layer_names", layerNames.toArray(String[]::new));
            }
        }
        return new Vgg16Weights(written);
    }

    /** Writes the test widths in the published (Keras 1) layout. */
    public static Vgg16Weights write(Path file, long seed) {
        return write(file, Layout.KERAS1, TEST_WIDTHS, seed);
    }

    private static ConvLayerWeights randomConv(Random random, String name, int in, int out) {
        // He initialisation keeps activations of the same order through the ReLU layers, like trained weights.
        double std = Math.sqrt(2.0 / (9 * in));
        float[] kernel = new float[9 * in * out];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (float) (random.nextGaussian() * std);
        }
        float[] bias = new float[out];
        for (int i = 0; i < out; i++) {
            bias[i] = (float) (random.nextGaussian() * 0.5);
        }
        return new ConvLayerWeights(name, kernel, new long[] {3, 3, in, out}, bias);
    }

    private static void writeConv(WritableGroup root, Layout layout, ConvLayerWeights weights) {
        String name = weights.name();
        WritableGroup group = root.putGroup(name);
        float[][][][] kernel = hwio(weights);
        if (layout == Layout.KERAS1) {
            group.putAttribute("weight_names", new String[] {name + "_W_1:0", name + "_b_1:0"});
            group.putDataset(name + "_W_1:0", kernel);
            group.putDataset(name + "_b_1:0", weights.bias());
        } else {
            group.putAttribute("weight_names", new String[] {name + "/kernel:0", name + "/bias:0"});
            WritableGroup inner = group.putGroup(name);
            inner.putDataset("kernel:0", kernel);
            inner.putDataset("bias:0", weights.bias());
        }
    }

    private static float[][][][] hwio(ConvLayerWeights weights) {
        long[] s = weights.shape();
        float[][][][] kernel = new float[(int) s[0]][(int) s[1]][(int) s[2]][(int) s[3]];
        for (int r = 0; r < s[0]; r++) {
            for (int c = 0; c < s[1]; c++) {
                for (int i = 0; i < s[2]; i++) {
                    for (int o = 0; o < s[3]; o++) {
                        kernel[r][c][i][o] = weights.kernelAt(r, c, i, o);
                    }
                }
            }
        }
        return kernel;
    }
}
