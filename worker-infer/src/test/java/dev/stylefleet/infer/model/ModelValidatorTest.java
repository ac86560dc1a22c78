package dev.stylefleet.infer.model;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;
import dev.stylefleet.infer.imaging.ImageCodecTest;
import dev.stylefleet.infer.imaging.ImageDecoder;
import dev.stylefleet.infer.imaging.ImageFiles;
import dev.stylefleet.infer.imaging.TestImages;
import dev.stylefleet.infer.pipeline.InferMetrics;
import dev.stylefleet.infer.pipeline.InferencePipeline;
import dev.stylefleet.infer.pipeline.InferenceSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.infer.bench.StyleNetOnnx;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.platform.onnx.ModelProbe;
import java.awt.image.BufferedImage;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Model import checks in the worker's terms (ModelValidator delegates to the shared ModelProbe, which
 * ModelProbeTest covers refusal by refusal) on real networks: stylefleet's style nets, the bicubic
 * models, and a network laid out like a pytorch/examples fast-neural-style export.
 */
class ModelValidatorTest {
    static final byte[] STYLE = StyleNetOnnx.build(StyleNetOnnx.Spec.tiny(true, StyleNetOnnx.Upsample.RESIZE, 3));
    /** input.1 fixed at [1,3,64,64], opset 11, reflect pads, instance norm, nearest Resize. */
    static final byte[] PYTORCH = StyleNetOnnx.buildPytorchExport(
            StyleNetOnnx.Spec.tiny(true, StyleNetOnnx.Upsample.RESIZE, 7), 64, 64);

    @Test
    void acceptsAStyleNetAndTheBicubicModels() {
        assertThat(ModelValidator.validate(STYLE, "stylize", 1).outputShape()).containsExactly(1, 3, 64, 64);
        assertThat(ModelValidator.validate(BicubicModel.build(4), "super-resolve", 4).outputShape())
                .containsExactly(1, 3, 256, 256);
        assertThat(ModelValidator.validate(BicubicModel.build(8), "super-resolve", 8).fixedSize()).isNull();
    }

    @Test
    void refusesAnOutputSizeThatDoesNotMatchTheTaskAndScale() {
        refused(() -> ModelValidator.validate(BicubicModel.build(4), "super-resolve", 8), "[1, 3, 512, 512]");
        refused(() -> ModelValidator.validate(BicubicModel.build(4), "stylize", 1), "[1, 3, 64, 64]");
        refused(() -> ModelValidator.validate(STYLE, "super-resolve", 4), "[1, 3, 256, 256]");
        refused(() -> ModelValidator.validate(PYTORCH, "super-resolve", 2), "import it as a stylize model");
    }

    @Test
    void refusesBadTaskScaleAndFilesNamingTheField() {
        refused(() -> ModelValidator.validate(STYLE, "stylize", 2), "scale");
        refused(() -> ModelValidator.validate(STYLE, "super-resolve", 5), "[2, 3, 4, 8]");
        refused(() -> ModelValidator.validate(STYLE, "colorize", 1), "task");
        refused(() -> ModelValidator.validate(new byte[0], "stylize", 1), "empty");
        refused(() -> ModelValidator.validate("garbage".getBytes(), "stylize", 1), "cannot load");
    }

    @Test
    void acceptsAnyInputName() {
        assertThat(ModelValidator.validate(TinyModels.identity("input"), "stylize", 1).inputName()).isEqualTo("input");
    }

    @Test
    void acceptsAPytorchExamplesExportAndTheWorkerRunsItAsFixedSizeTiles() {
        ModelProbe.Report report = ModelValidator.validate(PYTORCH, "stylize", 1);
        assertThat(report.inputName()).isEqualTo(StyleNetOnnx.PYTORCH_INPUT);
        assertThat(report.fixedSize()).containsExactly(64, 64);
        assertThat(report.outputShape()).containsExactly(1, 3, 64, 64);

        try (LoadedModel model = LoadedModel.load(ai.onnxruntime.OrtEnvironment.getEnvironment(),
                StyleModels.manifest("pytorch-export", 1, "stylize", PYTORCH), PYTORCH, 1)) {
            assertThat(model.inputName()).isEqualTo("input.1");
            assertThat(model.batchable()).as("N is fixed at 1").isFalse();
            BufferedImage input = TestImages.gradientWithNoise(150, 40, 9);
            // A batching window as in production: a fixed-N model must still run one image at a time.
            InferencePipeline pipeline = new InferencePipeline(InferenceSettings.defaults(), 1L << 24, InferMetrics.NONE);
            BufferedImage out = ImageDecoder.decode(pipeline.run(ImageFiles.png(input), model, true,
                    InferOptions.defaults(), "png").encoded().bytes());
            assertThat(out.getWidth()).isEqualTo(150);
            assertThat(out.getHeight()).isEqualTo(40);
            assertThat(ImageCodecTest.meanAbsDiff(out, input)).as("the network changed the image").isGreaterThan(1);
        }
    }

    @Test
    void acceptsAFixedSizeModelAndTheWorkerTilesImagesOfAnySizeThroughIt() {
        byte[] fixed = TinyModels.fixedIdentity(32, 48);
        ModelProbe.Report report = ModelValidator.validate(fixed, "stylize", 1);
        assertThat(report.fixedSize()).containsExactly(32, 48);
        assertThat(report.outputShape()).containsExactly(1, 3, 32, 48);

        LoadedModel model = LoadedModel.load(ai.onnxruntime.OrtEnvironment.getEnvironment(),
                StyleModels.manifest("fixed", 1, "stylize", fixed), fixed, 1);
        try {
            BufferedImage input = TestImages.gradientWithNoise(100, 20, 4);
            InferencePipeline pipeline = new InferencePipeline(InferenceSettings.defaults(), 1L << 24, InferMetrics.NONE);
            BufferedImage out = ImageDecoder.decode(pipeline.run(ImageFiles.png(input), model, true,
                    InferOptions.defaults(), "png").encoded().bytes());
            assertThat(out.getWidth()).isEqualTo(100);
            assertThat(out.getHeight()).isEqualTo(20);
            assertThat(ImageCodecTest.meanAbsDiff(out, input)).as("identity through fixed-size tiles").isZero();
        } finally {
            model.close();
        }
    }

    static void refused(ThrowingCallable call, String mentions) {
        assertThatThrownBy(call).isInstanceOfSatisfying(JobFailure.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.MODEL_INVALID)).hasMessageContaining(mentions);
    }
}
