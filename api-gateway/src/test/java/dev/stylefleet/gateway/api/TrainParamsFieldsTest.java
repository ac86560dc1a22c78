package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.TrainJobRequested;
import dev.stylefleet.schemas.TrainParams;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The training forms' parameters: what passes reaches TrainParams unchanged, blank is the worker's
 * default, a bad value is 400 INVALID_FIELD naming its field and the allowed values; and every value the
 * gateway allows is one the TrainJobRequested schema accepts, so an accepted form never fails to encode.
 */
class TrainParamsFieldsTest {

    static UpscalerForm sr() {
        UpscalerForm f = new UpscalerForm();
        f.name = "sr-x4";
        f.dataset = "photos";
        f.scale = "4";
        return f;
    }

    @Test
    void superResolutionFieldsReachTheParams() {
        UpscalerForm f = sr();
        f.scale = "8";
        f.loss = "pixel";
        f.pixelNorm = "l1";
        f.pixelWeight = "2.5";
        f.skip = "bicubic";
        f.degradation = "bicubic";
        f.upsample = "subpixel";
        f.norm = "none";
        f.padding = "same";
        f.output = "linear";
        f.lrDecay = "cosine";
        f.initFrom = "sr-x8-base";
        f.imageSize = "96";
        f.iterations = "5000";
        f.seed = "-3";

        TrainParams p = TrainParamsFields.superResolve(f);

        assertThat(p.scale()).isEqualTo(8);
        assertThat(p.loss()).isEqualTo("pixel");
        assertThat(p.pixelNorm()).isEqualTo("l1");
        assertThat(p.pixelWeight()).isEqualTo(2.5);
        assertThat(p.skip()).isEqualTo("bicubic");
        assertThat(p.degradation()).isEqualTo("bicubic");
        assertThat(p.upsample()).isEqualTo("subpixel");
        assertThat(p.norm()).isEqualTo("none");
        assertThat(p.padding()).isEqualTo("same");
        assertThat(p.output()).isEqualTo("linear");
        assertThat(p.lrDecay()).isEqualTo("cosine");
        assertThat(p.initFrom()).isEqualTo("sr-x8-base");
        assertThat(p.imageSize()).isEqualTo(96);
        assertThat(p.iterations()).isEqualTo(5000);
        assertThat(p.seed()).isEqualTo(-3L);
        assertThat(p.styleSize()).isNull();
        assertThat(p.styleWeight()).isNull();
        assertThat(p.learningRate()).isNull();
    }

    @Test
    void styleFormTakesTheSharedNewFieldsAndNoSuperResolutionOnes() {
        StyleForm f = new StyleForm();
        f.output = "tanh150";
        f.lrDecay = "none";
        f.initFrom = "wave";
        f.styleWeight = "5e5";
        f.styleSize = "512";

        TrainParams p = TrainParamsFields.style(f);

        assertThat(p.output()).isEqualTo("tanh150");
        assertThat(p.lrDecay()).isEqualTo("none");
        assertThat(p.initFrom()).isEqualTo("wave");
        assertThat(p.styleWeight()).isEqualTo(5e5);
        assertThat(p.styleSize()).isEqualTo(512);
        assertThat(p.scale()).isNull();
        assertThat(p.skip()).isNull();
        assertThat(p.pixelNorm()).isNull();
        assertThat(p.degradation()).isNull();
    }

    @Test
    void blankFieldsAreTheWorkersDefaults() {
        UpscalerForm f = sr();
        f.skip = " ";
        f.output = "";
        TrainParams p = TrainParamsFields.superResolve(f);
        assertThat(p).isEqualTo(new TrainParams(null, null, null, null, null, 4, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void aBadValueIsInvalidFieldNamingTheFieldAndWhatIsAllowed() {
        refused(sr(), (f, v) -> f.skip = v, "skip", "residual", "none, bicubic");
        refused(sr(), (f, v) -> f.output = v, "output", "sigmoid", "tanh, tanh150, linear");
        refused(sr(), (f, v) -> f.pixelNorm = v, "pixelNorm", "L1", "l2, l1");
        refused(sr(), (f, v) -> f.lrDecay = v, "lrDecay", "step", "none, cosine");
        refused(sr(), (f, v) -> f.degradation = v, "degradation", "blur", "blur-bicubic, bicubic");
        refused(sr(), (f, v) -> f.initFrom = v, "initFrom", "Not An Id", "a model id");
        refused(sr(), (f, v) -> f.norm = v, "norm", "group", "batch, instance, none");
        refused(sr(), (f, v) -> f.upsample = v, "upsample", "pixelshuffle", "deconv, resize, subpixel");
        refused(sr(), (f, v) -> f.padding = v, "padding", "valid", "zero, reflect, same");
        refused(sr(), (f, v) -> f.loss = v, "loss", "gan", "feature, pixel");
        refused(sr(), (f, v) -> f.scale = v, "scale", "2", "one of 4, 8");
        refused(sr(), (f, v) -> f.scale = v, "scale", "four", "an integer");
        refused(sr(), (f, v) -> f.imageSize = v, "imageSize", "90", "a multiple of scale (4)");
        refused(sr(), (f, v) -> f.width = v, "width", "0", "above 0");
        refused(sr(), (f, v) -> f.iterations = v, "iterations", "0", "an integer from 1");

        StyleForm style = new StyleForm();
        style.output = "linear!";
        assertThatThrownBy(() -> TrainParamsFields.style(style))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
                    assertThat(e.field()).isEqualTo("output");
                });
    }

    private static void refused(UpscalerForm f, BiConsumer<UpscalerForm, String> set, String field, String value,
            String allowed) {
        set.accept(f, value);
        assertThatThrownBy(() -> TrainParamsFields.superResolve(f))
                .as(field + "=" + value)
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
                    assertThat(e.field()).isEqualTo(field);
                })
                .hasMessageStartingWith(field + ": '" + value + "' is not allowed")
                .hasMessageContaining(allowed);
    }

    /** Each allowed value, alone, in a TrainJobRequested as the gateway publishes it: the schema accepts it. */
    @Test
    void everyAllowedValueSatisfiesTheMessageSchema() {
        check(TrainParamsFields.NORMS, (f, v) -> f.norm = v);
        check(TrainParamsFields.UPSAMPLES, (f, v) -> f.upsample = v);
        check(TrainParamsFields.PADDINGS, (f, v) -> f.padding = v);
        check(TrainParamsFields.OUTPUTS, (f, v) -> f.output = v);
        check(TrainParamsFields.LR_DECAYS, (f, v) -> f.lrDecay = v);
        check(TrainParamsFields.LAYERS, (f, v) -> f.contentLayer = v);
        check(TrainParamsFields.SR_LOSSES, (f, v) -> f.loss = v);
        check(TrainParamsFields.PIXEL_NORMS, (f, v) -> f.pixelNorm = v);
        check(TrainParamsFields.SKIPS, (f, v) -> f.skip = v);
        check(TrainParamsFields.DEGRADATIONS, (f, v) -> f.degradation = v);
        check(TrainParamsFields.SR_SCALES.stream().map(String::valueOf).toList(), (f, v) -> f.scale = v);
    }

    private static void check(List<String> values, BiConsumer<UpscalerForm, String> set) {
        for (String v : values) {
            UpscalerForm f = sr();
            set.accept(f, v);
            TrainJobRequested m = new TrainJobRequested(Messages.SCHEMA_VERSION, "job-1", "local",
                    TrainJobRequested.TASK_SUPER_RESOLVE, null, "datasets/local/photos/", "sr-x4",
                    TrainParamsFields.superResolve(f), Instant.now());
            assertThat(Messages.TRAIN_JOB_REQUESTED.decode(Messages.TRAIN_JOB_REQUESTED.encode(m))).isEqualTo(m);
        }
    }
}
