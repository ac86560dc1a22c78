package dev.stylefleet.infer.pipeline;

import dev.stylefleet.infer.imaging.ImageCodecTest;
import dev.stylefleet.infer.imaging.PixelSource;
import dev.stylefleet.infer.imaging.TestImages;
import dev.stylefleet.infer.model.LoadedModel;
import dev.stylefleet.infer.model.StyleModels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.infer.bench.StyleNetOnnx;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Any size: reflect padding to what the net needs, and tiled versus untiled output of a medium image
 * through random-weight style networks (the paper's layout with folded batch norm, and the
 * pytorch/examples variant with instance norm and resize upsampling) and the bicubic model.
 */
class TiledInferenceTest {
    static LoadedModel folded;
    static LoadedModel instanceNorm;
    static LoadedModel bicubic4;

    /** Medium image: 400 x 300, tiled as 128-pixel tiles (4 x 3 of them) overlapping by 32. */
    static final int W = 400;
    static final int H = 300;
    static final int TILE = 128;
    static final int OVERLAP = 32;

    @BeforeAll
    static void load() {
        folded = StyleModels.tiny(false, StyleNetOnnx.Upsample.DECONV);
        instanceNorm = StyleModels.tiny(true, StyleNetOnnx.Upsample.RESIZE);
        bicubic4 = StyleModels.bicubic(4);
    }

    @AfterAll
    static void close() {
        folded.close();
        instanceNorm.close();
        bicubic4.close();
    }

    static BufferedImage untiled(LoadedModel m, BufferedImage img, int pad) {
        return new TiledInference(TILE, OVERLAP, pad, Long.MAX_VALUE).run(m.runner(), new PixelSource(img),
                m.manifest().scale());
    }

    static BufferedImage tiled(LoadedModel m, BufferedImage img, int pad, int overlap) {
        TiledInference t = new TiledInference(TILE * m.manifest().scale(), overlap, pad, 1);
        assertThat(t.tiles(img.getWidth(), img.getHeight(), m.manifest().scale())).isTrue();
        return t.run(m.runner(), new PixelSource(img), m.manifest().scale());
    }

    @Test
    void anOddSizedImageIsReflectPaddedForTheNetAndCroppedBack() {
        BufferedImage img = TestImages.gradientWithNoise(37, 23, 1);
        BufferedImage out = untiled(folded, img, 4);
        assertThat(out.getWidth()).isEqualTo(37);
        assertThat(out.getHeight()).isEqualTo(23);
    }

    @Test
    void tiledMatchesUntiledWithinTwoLevelsAndShowsNoSeam() {
        BufferedImage img = TestImages.gradientWithNoise(W, H, 2);
        BufferedImage whole = untiled(folded, img, 4);
        BufferedImage tiles = tiled(folded, img, 4, OVERLAP);
        double mad = ImageCodecTest.meanAbsDiff(whole, tiles);
        double seam = SeamDetector.worstStep(whole, tiles, new TileGrid(W, TILE, OVERLAP), new TileGrid(H, TILE, OVERLAP), 1);
        System.out.printf("tiled vs untiled folded-BN/deconv %dx%d tile %d overlap %d: mean |diff| %.3f levels, "
                + "worst seam step %.3f%n", W, H, TILE, OVERLAP, mad, seam);
        assertThat(mad).isLessThan(2.0);
        assertThat(seam).as("step in (tiled - untiled) across a tile border").isLessThan(1.0);
    }

    @Test
    void instanceNormNetsTileWithPerTileStatistics() {
        // Known limitation, measured not hidden: InstanceNormalization normalises each tile with its
        // own mean and variance, so tiles of an image whose colours drift differ from the whole-image
        // run. Only the shape is asserted; the figure goes to docs/inference.md.
        BufferedImage img = TestImages.gradientWithNoise(W, H, 2);
        BufferedImage whole = untiled(instanceNorm, img, 4);
        BufferedImage tiles = tiled(instanceNorm, img, 4, OVERLAP);
        System.out.printf("tiled vs untiled instance-norm/resize %dx%d: mean |diff| %.3f levels%n", W, H,
                ImageCodecTest.meanAbsDiff(whole, tiles));
        assertThat(tiles.getWidth()).isEqualTo(W);
        assertThat(tiles.getHeight()).isEqualTo(H);
    }

    @Test
    void theSeamCheckSeesTheSeamsOfUnblendedTiles() {
        // Control: without overlap every tile border shows the network's zero-padded edge.
        BufferedImage img = TestImages.gradientWithNoise(W, H, 2);
        BufferedImage whole = untiled(folded, img, 4);
        BufferedImage hard = tiled(folded, img, 4, 0);
        double seam = SeamDetector.worstStep(whole, hard, new TileGrid(W, TILE, 0), new TileGrid(H, TILE, 0), 1);
        System.out.printf("unblended tiles (overlap 0): worst seam step %.3f%n", seam);
        assertThat(seam).isGreaterThan(3.0);
    }

    @Test
    void bicubicTilesAtScaleFourAgreeWithTheWholeImage() {
        BufferedImage img = TestImages.gradientWithNoise(150, 90, 3);
        BufferedImage whole = untiled(bicubic4, img, 1);
        BufferedImage tiles = tiled(bicubic4, img, 1, 8);
        assertThat(tiles.getWidth()).isEqualTo(600);
        assertThat(tiles.getHeight()).isEqualTo(360);
        double mad = ImageCodecTest.meanAbsDiff(whole, tiles);
        System.out.printf("bicubic x4 tiled vs untiled 150x90: mean |diff| %.4f levels%n", mad);
        assertThat(mad).isLessThan(0.05);
    }

    @Test
    void tileGridCoversTheAxisWithEqualTilesAndOverlaps() {
        TileGrid g = new TileGrid(400, 128, 32);
        assertThat(g.starts).containsExactly(0, 96, 192, 272);
        assertThat(g.tile).isEqualTo(128);
        assertThat(new TileGrid(100, 128, 32).starts).containsExactly(0);
        assertThat(new TileGrid(100, 128, 32).tile).isEqualTo(100);
        // Weights: 1 inside, small at a shared edge, 1 at the image border.
        assertThat(g.weight(0, 0)).isEqualTo(1f);
        assertThat(g.weight(1, 0)).isLessThan(0.05f);
        assertThat(g.weight(1, 64)).isEqualTo(1f);
        assertThat(g.weight(3, 127)).isEqualTo(1f);
    }
}
