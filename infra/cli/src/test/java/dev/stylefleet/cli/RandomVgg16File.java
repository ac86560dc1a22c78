package dev.stylefleet.cli;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A VGG-16 loss-network file for end-to-end training tests: the Keras 1 HDF5 layout of
 * vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5 (13 convolutions in 5 blocks, datasets
 * {@code blockB_convC/blockB_convC_W_1:0} HWIO and {@code ..._b_1:0}), random He-initialised weights and
 * reduced channel widths, which the training worker reads from the file. The real weights are not
 * available offline; training against this file exercises the whole path, not the style quality.
 */
final class RandomVgg16File {
    static final int[] WIDTHS = {4, 6, 8, 10, 10};
    private static final int[] CONVS_PER_BLOCK = {2, 2, 3, 3, 3};

    private RandomVgg16File() {}

    static Path write(Path file, long seed) {
        Random random = new Random(seed);
        List<String> layers = new ArrayList<>(List.of("input_1"));
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putAttribute("keras_version", "1.1.0");
            hdf.putAttribute("backend", "tensorflow");
            hdf.putGroup("input_1");
            int in = 3;
            for (int block = 1; block <= CONVS_PER_BLOCK.length; block++) {
                int out = WIDTHS[block - 1];
                for (int conv = 1; conv <= CONVS_PER_BLOCK[block - 1]; conv++) {
                    String name = "block" + block + "_conv" + conv;
                    // He initialisation keeps activations of the same order through the ReLUs.
                    double std = Math.sqrt(2.0 / (9 * in));
                    float[][][][] kernel = new float[3][3][in][out];
                    for (float[][][] r : kernel) {
                        for (float[][] c : r) {
                            for (float[] i : c) {
                                for (int o = 0; o < out; o++) {
                                    i[o] = (float) (random.nextGaussian() * std);
                                }
                            }
                        }
                    }
                    float[] bias = new float[out];
                    for (int o = 0; o < out; o++) {
                        bias[o] = (float) (random.nextGaussian() * 0.5);
                    }
                    WritableGroup group = hdf.putGroup(name);
                    group.putAttribute("weight_names", new String[] {name + "_W_1:0", name + "_b_1:0"});
                    group.putDataset(name + "_W_1:0", kernel);
                    group.putDataset(name + "_b_1:0", bias);
                    layers.add(name);
                    in = out;
                }
                hdf.putGroup("block" + block + "_pool");
                layers.add("block" + block + "_pool");
            }
            hdf.putAttribute("layer_names", layers.toArray(String[]::new));
        }
        return file;
    }
}
