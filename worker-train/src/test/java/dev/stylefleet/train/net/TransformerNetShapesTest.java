package dev.stylefleet.train.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Layer-by-layer activation shapes of the real TensorFlow graph against the paper's supplementary
 * Tables 1 and 2 (written here as C x H x W, the tables' notation), parameter counts, and outputs of
 * the right size for sizes that are not multiples of 4.
 */
class TransformerNetShapesTest {

    private static List<String> shapes(String preset, NetOptions options, int h, int w) {
        try (TransformerSession s = TransformerSession.create(ArchSpec.preset(preset), options, 1, 2)) {
            Map<String, FloatTensor> acts = s.activations(TestImages.nhwc(1, h, w, 7));
            List<String> out = new ArrayList<>();
            acts.forEach((layer, t) -> out.add(t.dim(3) + "x" + t.dim(1) + "x" + t.dim(2)));
            return out;
        }
    }

    @ParameterizedTest
    @EnumSource(NetOptions.Upsample.class)
    void styleMatchesTable1With5ResidualBlocks(NetOptions.Upsample upsample) {
        assertThat(shapes("style", NetOptions.PAPER.withUpsample(upsample), 256, 256)).containsExactly(
                "32x256x256", // 32 x 9x9 conv, stride 1
                "64x128x128", // 64 x 3x3 conv, stride 2
                "128x64x64", // 128 x 3x3 conv, stride 2
                "128x64x64", "128x64x64", "128x64x64", "128x64x64", "128x64x64", // 5 residual blocks
                "64x128x128", // 64 x 3x3 conv, stride 1/2
                "32x256x256", // 32 x 3x3 conv, stride 1/2
                "3x256x256"); // 3 x 9x9 conv, stride 1
    }

    @Test
    void stylePlainReplacesEachResidualBlockWithTwoConvLayersOfTheSameShape() {
        assertThat(shapes("style-plain", NetOptions.PAPER, 256, 256)).containsExactly(
                "32x256x256", "64x128x128", "128x64x64",
                "128x64x64", "128x64x64", "128x64x64", "128x64x64", "128x64x64",
                "64x128x128", "32x256x256", "3x256x256");
    }

    @ParameterizedTest
    @EnumSource(NetOptions.Upsample.class)
    void sr4MatchesTable2(NetOptions.Upsample upsample) {
        assertThat(shapes("sr4", NetOptions.PAPER.withUpsample(upsample), 72, 72)).containsExactly(
                "64x72x72", // 64 x 9x9 conv, stride 1
                "64x72x72", "64x72x72", "64x72x72", "64x72x72", // 4 residual blocks
                "64x144x144", "64x288x288", // 2 x (64 x 3x3 conv, stride 1/2)
                "3x288x288"); // 3 x 9x9 conv, stride 1
    }

    @ParameterizedTest
    @EnumSource(NetOptions.Upsample.class)
    void sr8MatchesTable2(NetOptions.Upsample upsample) {
        assertThat(shapes("sr8", NetOptions.PAPER.withUpsample(upsample), 36, 36)).containsExactly(
                "64x36x36",
                "64x36x36", "64x36x36", "64x36x36", "64x36x36",
                "64x72x72", "64x144x144", "64x288x288", // 3 x (64 x 3x3 conv, stride 1/2)
                "3x288x288");
    }

    @Test
    void oddSizesGiveOutputsOfTheInputSizeTimesTheScale() {
        NetOptions small = NetOptions.PAPER.withWidth(0.25);
        try (TransformerSession s = TransformerSession.create(ArchSpec.preset("style"), small, 1, 2)) {
            FloatTensor out = s.run(TestImages.nhwc(1, 301, 203, 3));
            assertThat(out.shape()).containsExactly(1, 301, 203, 3);
        }
        try (TransformerSession s = TransformerSession.create(ArchSpec.preset("style"),
                small.withUpsample(NetOptions.Upsample.RESIZE).withPadding(NetOptions.Padding.REFLECT), 1, 2)) {
            assertThat(s.run(TestImages.nhwc(2, 37, 29, 3)).shape()).containsExactly(2, 37, 29, 3);
        }
        try (TransformerSession s = TransformerSession.create(ArchSpec.preset("sr4"), small, 1, 2)) {
            assertThat(s.run(TestImages.nhwc(2, 37, 29, 3)).shape()).containsExactly(2, 148, 116, 3);
        }
        try (TransformerSession s = TransformerSession.create(ArchSpec.preset("sr8"), small, 1, 2)) {
            assertThat(s.run(TestImages.nhwc(1, 13, 11, 3)).shape()).containsExactly(1, 104, 88, 3);
        }
    }

    @Test
    void outputsAreInPixelRange() {
        try (TransformerSession s = TransformerSession.create(ArchSpec.preset("style"),
                NetOptions.PAPER.withWidth(0.25), 3, 2)) {
            float[] v = s.run(TestImages.nhwc(1, 40, 40, 1)).values();
            float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
            for (float f : v) {
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
            assertThat(min).isGreaterThanOrEqualTo(0f);
            assertThat(max).isLessThanOrEqualTo(255f);
            assertThat(max - min).as("a random network still varies over the image").isGreaterThan(1f);
        }
    }
}
