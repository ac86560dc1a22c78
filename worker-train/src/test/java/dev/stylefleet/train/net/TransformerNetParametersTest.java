package dev.stylefleet.train.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;

/**
 * Parameter counts, worked out by hand from the tables. Convolutions followed by a norm have no
 * bias (the norm's shift replaces it); each norm has a scale and a shift per channel; batch norm
 * also keeps a moving mean and variance per channel (not trainable). The output convolution has a
 * bias.
 */
class TransformerNetParametersTest {

    private static TransformerNet build(String arch, NetOptions options) {
        Graph g = new Graph();
        return TransformerNet.create(g, ArchSpec.parse(arch), options, 0);
    }

    private static long conv(int k, int in, int out) {
        return (long) k * k * in * out;
    }

    @Test
    void styleHas1677635TrainableParameters() {
        long expected = conv(9, 3, 32) + 2 * 32 // c9s1-32
                + conv(3, 32, 64) + 2 * 64 // d64
                + conv(3, 64, 128) + 2 * 128 // d128
                + 5 * 2 * (conv(3, 128, 128) + 2 * 128) // R128 x5
                + conv(3, 128, 64) + 2 * 64 // u64
                + conv(3, 64, 32) + 2 * 32 // u32
                + conv(9, 32, 3) + 3; // c9s1-3 with bias
        assertThat(expected).isEqualTo(1_677_635L);
        // Sub-pixel upsampling convolves to 4x the channels: u64 128 -> 256, u32 64 -> 128.
        long subpixel = expected - conv(3, 128, 64) - conv(3, 64, 32) + conv(3, 128, 256) + conv(3, 64, 128);
        for (NetOptions.Upsample up : NetOptions.Upsample.values()) {
            TransformerNet net = build("style", NetOptions.PAPER.withUpsample(up));
            long want = up == NetOptions.Upsample.SUBPIXEL ? subpixel : expected;
            try (Graph g = net.graph()) {
                assertThat(net.trainableParameterCount()).as(up.wire()).isEqualTo(want);
                // moving mean + variance for every normalised channel: 32+64+128+10*128+64+32 = 1600
                assertThat(net.movingStatisticCount()).isEqualTo(2 * 1600L);
            }
        }
        TransformerNet instance = build("style", NetOptions.PAPER.withNorm(NetOptions.Norm.INSTANCE));
        try (Graph g = instance.graph()) {
            assertThat(instance.trainableParameterCount()).isEqualTo(expected);
            assertThat(instance.movingStatisticCount()).isZero();
        }
    }

    @Test
    void stylePlainHasTheSameCountAsStyle() {
        TransformerNet net = build("style-plain", NetOptions.PAPER);
        try (Graph g = net.graph()) {
            assertThat(net.trainableParameterCount()).isEqualTo(1_677_635L);
        }
    }

    @Test
    void superResolutionCounts() {
        long sr4 = conv(9, 3, 64) + 2 * 64 // c9s1-64
                + 4 * 2 * (conv(3, 64, 64) + 2 * 64) // R64 x4
                + 2 * (conv(3, 64, 64) + 2 * 64) // u64 x2
                + conv(9, 64, 3) + 3; // c9s1-3
        long sr8 = sr4 + conv(3, 64, 64) + 2 * 64; // a third u64
        assertThat(sr4).isEqualTo(401_155L);
        assertThat(sr8).isEqualTo(438_147L);
        TransformerNet net4 = build("sr4", NetOptions.PAPER);
        TransformerNet net8 = build("sr8", NetOptions.PAPER);
        try (Graph g4 = net4.graph(); Graph g8 = net8.graph()) {
            assertThat(net4.trainableParameterCount()).isEqualTo(sr4);
            assertThat(net8.trainableParameterCount()).isEqualTo(sr8);
        }
    }

    @Test
    void widthMultiplierScalesEveryLayerButTheOutput() {
        long half = conv(9, 3, 16) + 2 * 16
                + conv(3, 16, 32) + 2 * 32
                + conv(3, 32, 64) + 2 * 64
                + 5 * 2 * (conv(3, 64, 64) + 2 * 64)
                + conv(3, 64, 32) + 2 * 32
                + conv(3, 32, 16) + 2 * 16
                + conv(9, 16, 3) + 3;
        assertThat(half).isEqualTo(424_099L);
        TransformerNet net = build("style", NetOptions.PAPER.withWidth(0.5));
        try (Graph g = net.graph()) {
            assertThat(net.trainableParameterCount()).isEqualTo(half);
        }
    }

    @Test
    void variableNamesAreStableAndScopedByLayer() {
        TransformerNet net = build("c9s1-8,d16,R16,u8,c9s1-3", NetOptions.PAPER);
        try (Graph g = net.graph()) {
            assertThat(net.variables().keySet()).contains(
                    "net.l00_c9s1-8.conv.weights",
                    "net.l00_c9s1-8.norm.gamma",
                    "net.l00_c9s1-8.norm.moving_variance",
                    "net.l01_d16.conv.weights",
                    "net.l02_R16.conv1.weights",
                    "net.l02_R16.norm2.beta",
                    "net.l03_u8.deconv.weights",
                    "net.l04_c9s1-3.conv.weights",
                    "net.l04_c9s1-3.conv.bias");
            assertThat(net.layerNames()).containsExactly("net.l00_c9s1-8", "net.l01_d16", "net.l02_R16",
                    "net.l03_u8", "net.l04_c9s1-3");
        }
    }
}
