package dev.stylefleet.infer.pipeline;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;
import dev.stylefleet.infer.imaging.ImageAdjustments;
import dev.stylefleet.infer.imaging.ImageCodecTest;
import dev.stylefleet.infer.imaging.ImageDecoder;
import dev.stylefleet.infer.imaging.ImageFiles;
import dev.stylefleet.infer.imaging.TestImages;
import dev.stylefleet.infer.model.LoadedModel;
import dev.stylefleet.infer.model.StyleModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.infer.bench.StyleNetOnnx;
import dev.stylefleet.schemas.InferOptions;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every job option on generated images, through the worker's own path (decode, run, adjust, encode)
 * with a random-weight style network and the bicubic x4 model.
 */
class InferencePipelineTest {
    static LoadedModel style;
    static LoadedModel bicubic4;
    static final InferencePipeline PIPELINE = new InferencePipeline(InferenceSettings.defaults()
            .withBatching(java.time.Duration.ZERO, 1), 1L << 26, InferMetrics.NONE);
    static final BufferedImage INPUT = TestImages.gradientWithNoise(96, 64, 21);
    static final byte[] INPUT_PNG = ImageFiles.png(INPUT);

    @BeforeAll
    static void load() {
        style = StyleModels.tiny(false, StyleNetOnnx.Upsample.DECONV);
        bicubic4 = StyleModels.bicubic(4);
    }

    @AfterAll
    static void close() {
        style.close();
        bicubic4.close();
    }

    static InferOptions opts(Integer maxSide, Boolean preserveColor, Double strength, Boolean match, Integer quality) {
        return new InferOptions(maxSide, preserveColor, strength, match, quality);
    }

    static BufferedImage stylize(InferOptions o) {
        return ImageDecoder.decode(PIPELINE.run(INPUT_PNG, style, true, o, "png").encoded().bytes());
    }

    @Test
    void maxSideDownscalesFirstKeepingTheAspectRatio() {
        BufferedImage out = stylize(opts(48, null, null, null, null));
        assertThat(out.getWidth()).isEqualTo(48);
        assertThat(out.getHeight()).isEqualTo(32);
        InferencePipeline.Rendered sr = PIPELINE.run(INPUT_PNG, bicubic4, false, opts(30, null, null, null, null), "png");
        assertThat(sr.width()).isEqualTo(120);
        assertThat(sr.height()).isEqualTo(80);
        // A maxSide larger than the image changes nothing.
        assertThat(stylize(opts(500, null, null, null, null)).getWidth()).isEqualTo(96);
    }

    @Test
    void strengthBlendsTheOutputWithTheInput() {
        BufferedImage full = stylize(InferOptions.defaults());
        BufferedImage none = stylize(opts(null, null, 0.0, null, null));
        BufferedImage half = stylize(opts(null, null, 0.5, null, null));
        assertThat(ImageCodecTest.meanAbsDiff(full, INPUT)).as("the net changes the picture").isGreaterThan(20);
        assertThat(ImageCodecTest.meanAbsDiff(none, INPUT)).isLessThan(0.01);
        assertThat(ImageCodecTest.meanAbsDiff(stylize(opts(null, null, 1.0, null, null)), full)).isZero();
        for (int y = 0; y < 64; y += 7) {
            for (int x = 0; x < 96; x += 5) {
                for (int s = 0; s < 24; s += 8) {
                    int expected = (((full.getRGB(x, y) >> s) & 0xff) + ((INPUT.getRGB(x, y) >> s) & 0xff));
                    assertThat(Math.abs(2 * ((half.getRGB(x, y) >> s) & 0xff) - expected)).isLessThanOrEqualTo(1);
                }
            }
        }
    }

    @Test
    void preserveColorKeepsTheInputsChromaAndTheOutputsLuminance() {
        BufferedImage full = stylize(InferOptions.defaults());
        BufferedImage kept = stylize(opts(null, true, null, null, null));
        double chromaPlain = 0;
        double chromaKept = 0;
        double lumaKept = 0;
        int n = 0;
        int clipped = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                int p = kept.getRGB(x, y);
                boolean clip = false;
                for (int s = 0; s < 24; s += 8) {
                    int v = (p >> s) & 0xff;
                    clip |= v == 0 || v == 255;
                }
                if (clip) {
                    // Stylized luminance + input chroma outside [0,255]: clamped, so not comparable.
                    clipped++;
                    continue;
                }
                double[] in = ycc(INPUT.getRGB(x, y));
                double[] plain = ycc(full.getRGB(x, y));
                double[] k = ycc(p);
                chromaPlain += Math.abs(plain[1] - in[1]) + Math.abs(plain[2] - in[2]);
                chromaKept += Math.abs(k[1] - in[1]) + Math.abs(k[2] - in[2]);
                lumaKept += Math.abs(k[0] - plain[0]);
                n++;
            }
        }
        System.out.printf("preserveColor: on %d unclipped pixels (%d clipped) chroma |diff| to input %.2f "
                + "(plain output %.2f), luma |diff| to output %.2f%n", n, clipped, chromaKept / n, chromaPlain / n,
                lumaKept / n);
        assertThat(n).as("enough unclipped pixels to judge").isGreaterThan(96 * 64 / 4);
        // Rounding each channel to a level moves Cb + Cr by at most about 1.5 levels together.
        assertThat(chromaKept / n).isLessThan(1.5).isLessThan(chromaPlain / n / 10);
        assertThat(lumaKept / n).isLessThan(1.0);
    }

    @Test
    void histogramMatchMapsTheSuperResolvedOutputOntoTheInputsHistogram() {
        // A deliberately darkened x4 output, matched back to the input's histogram.
        BufferedImage dark = ImageAdjustments.resize(INPUT, 384, 256);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 384; x++) {
                int p = dark.getRGB(x, y);
                dark.setRGB(x, y, ((p >> 17) & 0x7f) << 16 | ((p >> 9) & 0x7f) << 8 | ((p >> 1) & 0x7f));
            }
        }
        ImageAdjustments.histogramMatch(dark, INPUT);
        for (int s = 0; s < 24; s += 8) {
            assertThat(Math.abs(mean(dark, s) - mean(INPUT, s))).as("channel mean after matching").isLessThan(1.5);
        }
        // Through the pipeline: the option is applied to super-resolution and refused for stylize.
        BufferedImage plain = ImageDecoder.decode(PIPELINE.run(INPUT_PNG, bicubic4, false, InferOptions.defaults(),
                "png").encoded().bytes());
        BufferedImage matched = ImageDecoder.decode(PIPELINE.run(INPUT_PNG, bicubic4, false,
                opts(null, null, null, true, null), "png").encoded().bytes());
        assertThat(matched.getWidth()).isEqualTo(384);
        for (int s = 0; s < 24; s += 8) {
            assertThat(Math.abs(mean(matched, s) - mean(INPUT, s))).isLessThanOrEqualTo(
                    Math.abs(mean(plain, s) - mean(INPUT, s)) + 0.5);
        }
        assertThatThrownBy(() -> PIPELINE.run(INPUT_PNG, style, true, opts(null, null, null, true, null), "png"))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.INVALID_OPTIONS))
                .hasMessageContaining("options.histogramMatch");
    }

    @Test
    void alphaIsPassedThroughAndScaledWithTheImage() {
        byte[] png = ImageFiles.png(ImageFiles.withAlphaRamp(40, 20, 8));
        BufferedImage out = ImageDecoder.decode(PIPELINE.run(png, bicubic4, false, InferOptions.defaults(), "png")
                .encoded().bytes());
        assertThat(out.getWidth()).isEqualTo(160);
        assertThat(out.getColorModel().hasAlpha()).isTrue();
        assertThat(out.getRGB(0, 40) >>> 24).isLessThan(10);
        assertThat(out.getRGB(159, 40) >>> 24).isGreaterThan(245);
        BufferedImage styled = ImageDecoder.decode(PIPELINE.run(png, style, true, InferOptions.defaults(), "webp")
                .encoded().bytes());
        assertThat(styled.getColorModel().hasAlpha()).isTrue();
    }

    /** Issue 15, defect 1: every PNG of the colour type x depth x tRNS x Adam7 matrix through both tasks. */
    @Test
    void everyPngVariantRunsThroughThePipelineKeepingItsTransparency() {
        for (dev.stylefleet.platform.imaging.PngVariant v : dev.stylefleet.platform.imaging.PngVariant.all()) {
            byte[] png = v.bytes();
            for (boolean stylize : new boolean[] {false, true}) {
                BufferedImage out = ImageDecoder.decode(PIPELINE.run(png, stylize ? style : bicubic4, stylize,
                        opts(null, true, 0.5, null, null), "png").encoded().bytes());
                assertThat(out.getColorModel().hasAlpha()).as("%s alpha kept", v).isEqualTo(v.hasAlpha());
                assertThat(out.getWidth()).as("%s", v).isEqualTo(v.width() * (stylize ? 1 : 4));
                if (stylize && v.hasAlpha()) {
                    assertThat(out.getRGB(0, 0) >>> 24).as("%s alpha at 0,0", v).isEqualTo(v.argb(0, 0) >>> 24);
                }
            }
        }
    }

    @Test
    void qualityAndFormatsApplyToTheResult() {
        InferencePipeline.Rendered low = PIPELINE.run(INPUT_PNG, style, true, opts(null, null, null, null, 10), "jpeg");
        InferencePipeline.Rendered high = PIPELINE.run(INPUT_PNG, style, true, opts(null, null, null, null, 95), "jpeg");
        assertThat(low.encoded().contentType()).isEqualTo("image/jpeg");
        assertThat(low.encoded().bytes().length).isLessThan(high.encoded().bytes().length);
        assertThat(PIPELINE.run(INPUT_PNG, style, true, InferOptions.defaults(), "webp").encoded().contentType())
                .isEqualTo("image/webp");
    }

    @Test
    void theOutputPixelLimitCountsTheScaleAndSuggestsMaxSide() {
        InferencePipeline small = new InferencePipeline(InferenceSettings.defaults(), 300 * 200, InferMetrics.NONE);
        assertThatThrownBy(() -> small.run(INPUT_PNG, bicubic4, false, InferOptions.defaults(), "png"))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE))
                .hasMessageContaining("stylefleet.infer.max-output-pixels").hasMessageContaining("maxSide");
        assertThat(small.run(INPUT_PNG, bicubic4, false, opts(64, null, null, null, null), "png").width()).isEqualTo(256);
    }

    static double[] ycc(int p) {
        int r = (p >> 16) & 0xff;
        int g = (p >> 8) & 0xff;
        int b = p & 0xff;
        return new double[] {0.299 * r + 0.587 * g + 0.114 * b, -0.168736 * r - 0.331264 * g + 0.5 * b,
                0.5 * r - 0.418688 * g - 0.081312 * b};
    }

    static double mean(BufferedImage img, int shift) {
        double sum = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                sum += (img.getRGB(x, y) >> shift) & 0xff;
            }
        }
        return sum / img.getWidth() / img.getHeight();
    }
}
