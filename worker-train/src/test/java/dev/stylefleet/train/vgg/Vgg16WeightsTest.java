package dev.stylefleet.train.vgg;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Vgg16WeightsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KerasVgg16File.Layout.class)
    void readsEveryConvolutionLayerThroughRelu43AsWritten(KerasVgg16File.Layout layout) {
        Path file = dir.resolve("vgg.h5");
        Vgg16Weights written = KerasVgg16File.write(file, layout, KerasVgg16File.TEST_WIDTHS, 7);

        Vgg16Weights read = Vgg16Weights.read(file);

        for (String name : Vgg16Weights.CONV_LAYERS) {
            ConvLayerWeights expected = written.layer(name);
            ConvLayerWeights actual = read.layer(name);
            assertThat(actual.shape()).as(name).containsExactly(expected.shape());
            assertThat(actual.kernel()).as(name).containsExactly(expected.kernel());
            assertThat(actual.bias()).as(name).containsExactly(expected.bias());
        }
        assertThat(read.channels(Vgg16FeatureLayer.RELU1_2)).isEqualTo(4);
        assertThat(read.channels(Vgg16FeatureLayer.RELU2_2)).isEqualTo(6);
        assertThat(read.channels(Vgg16FeatureLayer.RELU3_3)).isEqualTo(8);
        assertThat(read.channels(Vgg16FeatureLayer.RELU4_3)).isEqualTo(10);
    }

    @Test
    void keepsTheHwioKernelLayout() {
        Path file = dir.resolve("vgg.h5");
        KerasVgg16File.write(file, 3);
        ConvLayerWeights first = Vgg16Weights.read(file).layer("block1_conv1");
        try (HdfFile hdf = new HdfFile(file)) {
            float[][][][] kernel = (float[][][][]) hdf.getDatasetByPath("block1_conv1/block1_conv1_W_1:0").getData();
            // An asymmetric position: row 2, column 0, input channel 1, output channel 3.
            assertThat(first.kernelAt(2, 0, 1, 3)).isEqualTo(kernel[2][0][1][3]);
            assertThat(first.kernelAt(0, 2, 2, 1)).isEqualTo(kernel[0][2][2][1]);
        }
    }

    @Test
    void aMissingLayerIsLossNetworkUnavailableNamingTheLayer() {
        Path file = dir.resolve("partial.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putAttribute("layer_names", new String[] {"block1_conv1"});
            WritableGroup group = hdf.putGroup("block1_conv1");
            group.putAttribute("weight_names", new String[] {"block1_conv1_W_1:0", "block1_conv1_b_1:0"});
            group.putDataset("block1_conv1_W_1:0", new float[3][3][3][4]);
            group.putDataset("block1_conv1_b_1:0", new float[4]);
        }

        assertThatThrownBy(() -> Vgg16Weights.read(file))
                .isInstanceOfSatisfying(LossNetworkUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo("LOSS_NETWORK_UNAVAILABLE"))
                .hasMessageContaining("has no layer block1_conv2");
    }

    @Test
    void layersThatDoNotChainAreRejected() {
        Path file = dir.resolve("mismatch.h5");
        // block2 claims 5 input channels while block1 gives 4.
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putAttribute("layer_names", Vgg16Weights.CONV_LAYERS.toArray(String[]::new));
            int in = 3;
            for (String name : Vgg16Weights.CONV_LAYERS) {
                int claimedIn = name.equals("block2_conv1") ? 5 : in;
                WritableGroup group = hdf.putGroup(name);
                group.putAttribute("weight_names", new String[] {name + "_W_1:0", name + "_b_1:0"});
                group.putDataset(name + "_W_1:0", new float[3][3][claimedIn][4]);
                group.putDataset(name + "_b_1:0", new float[4]);
                in = 4;
            }
        }

        assertThatThrownBy(() -> Vgg16Weights.read(file))
                .isInstanceOf(LossNetworkUnavailableException.class)
                .hasMessageContaining("block2_conv1: kernel expects 5 input channels but the previous layer gives 4");
    }

    @Test
    void aFileThatIsNotHdf5IsLossNetworkUnavailable() throws IOException {
        Path file = dir.resolve("truncated.h5");
        Files.writeString(file, "<html>proxy error</html>");

        assertThatThrownBy(() -> Vgg16Weights.read(file))
                .isInstanceOf(LossNetworkUnavailableException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("cannot be read as a Keras VGG-16 weights file");
    }

    @Test
    void aMissingFileIsLossNetworkUnavailable() {
        assertThatThrownBy(() -> Vgg16Weights.read(dir.resolve("absent.h5")))
                .isInstanceOf(LossNetworkUnavailableException.class)
                .hasMessageContaining("does not exist");
    }
}
