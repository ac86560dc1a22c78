package dev.stylefleet.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataLoaderTest {

    @TempDir
    Path dir;

    @Test
    void styleBatchesAreSquareCropsAndBrokenFilesAreSkippedAndCounted() {
        List<Path> files = TestDatasets.write(dir, 3, 40, 2);
        try (TrainingDataLoader loader = new TrainingDataLoader(files,
                new LoaderSpec(LoaderSpec.Mode.STYLE, 32, 1, 2, 7, 2))) {
            for (int i = 0; i < 4; i++) {
                TrainingBatch b = loader.next();
                assertThat(b.input().shape()).containsExactly(2, 32, 32, 3);
                assertThat(b.target()).isEqualTo(b.input());
            }
            assertThat(loader.skippedImages()).isEqualTo(2);
            assertThat(loader.decodedImages()).isGreaterThanOrEqualTo(8);
        }
    }

    @Test
    void superResolutionPairsABlurredDownsampledInputWithItsPatch() {
        // One image smaller than the patch: it is enlarged first.
        List<Path> files = TestDatasets.write(dir, 2, 20, 0);
        try (TrainingDataLoader loader = new TrainingDataLoader(files,
                new LoaderSpec(LoaderSpec.Mode.SUPER_RESOLUTION, 32, 4, 2, 3, 2))) {
            TrainingBatch b = loader.next();
            assertThat(b.input().shape()).containsExactly(2, 8, 8, 3);
            assertThat(b.target().shape()).containsExactly(2, 32, 32, 3);
            // The input is a smoothed version of the target: its mean matches, its values are inside the range.
            assertThat(mean(b.input().values())).isCloseTo(mean(b.target().values()), org.assertj.core.api.Assertions.within(8.0));
            for (float v : b.target().values()) {
                assertThat(v).isEqualTo((float) Math.round(v));
            }
        }
    }

    @Test
    void aDatasetWithoutOneReadableImageFailsClearly() {
        List<Path> files = TestDatasets.write(dir, 0, 40, 3);
        try (TrainingDataLoader loader = new TrainingDataLoader(files,
                new LoaderSpec(LoaderSpec.Mode.STYLE, 32, 1, 2, 7, 2))) {
            assertThatThrownBy(loader::next).isInstanceOf(DatasetUnusableException.class)
                    .hasMessageContaining("none of the 3 dataset images");
            assertThat(loader.skippedImages()).isEqualTo(3);
        }
        assertThatThrownBy(() -> new TrainingDataLoader(List.of(), new LoaderSpec(LoaderSpec.Mode.STYLE, 32, 1, 2, 7, 2)))
                .isInstanceOf(DatasetUnusableException.class).hasMessageContaining("no images");
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }
}
