package dev.stylefleet.infer.pipeline;

import dev.stylefleet.infer.imaging.ImageFiles;
import dev.stylefleet.infer.imaging.PixelSource;
import dev.stylefleet.infer.imaging.TestImages;
import dev.stylefleet.infer.model.LoadedModel;
import dev.stylefleet.infer.model.ModelRunner;
import dev.stylefleet.infer.model.StyleModels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.infer.bench.StyleNetOnnx;
import dev.stylefleet.schemas.InferOptions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A cancel stops a tiled run between two tiles: the tiles after it never run. */
class CancelCheckTest {

    @Test
    void aTiledRunStopsAtTheFirstTileAfterTheCancel() {
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        // Identity "model" that counts its runs; the cancel arrives while the third tile runs.
        ModelRunner model = (nchw, h, w) -> {
            if (runs.incrementAndGet() == 3) {
                cancelled.set(true);
            }
            return nchw.clone();
        };
        CancelCheck check = () -> {
            if (cancelled.get()) {
                throw new JobCancelled("cancelled");
            }
        };
        TiledInference tiling = new TiledInference(64, 8, 4, 1);
        PixelSource image = new PixelSource(TestImages.gradientWithNoise(300, 200, 3));
        assertThat(tiling.tiles(300, 200, 1)).isTrue();

        assertThatThrownBy(() -> tiling.run(check.guard(model), image, 1)).isInstanceOf(JobCancelled.class);
        assertThat(runs).as("no tile after the cancel").hasValue(3);

        runs.set(-100); // never cancels again
        tiling.run(CancelCheck.NONE.guard(model), image, 1);
        assertThat(runs.get() + 100).as("tiles of the whole image").isGreaterThan(3);
    }

    @Test
    void thePipelineAsksBeforeEveryModelRun() {
        AtomicInteger asked = new AtomicInteger();
        try (LoadedModel model = StyleModels.tiny(false, StyleNetOnnx.Upsample.DECONV)) {
            InferencePipeline pipeline = new InferencePipeline(InferenceSettings.defaults().withTiling(64, 8, 1),
                    1L << 24, InferMetrics.NONE);
            byte[] png = ImageFiles.png(TestImages.gradientWithNoise(120, 80, 5));
            assertThatThrownBy(() -> pipeline.run(png, model, true, InferOptions.defaults(), "png", () -> {
                if (asked.incrementAndGet() == 2) {
                    throw new JobCancelled("cancelled after one tile");
                }
            })).isInstanceOf(JobCancelled.class).hasMessage("cancelled after one tile");
            assertThat(asked).hasValue(2);
        }
    }
}
