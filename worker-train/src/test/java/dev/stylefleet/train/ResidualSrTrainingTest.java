package dev.stylefleet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stylefleet.schemas.TrainParams;
import dev.stylefleet.train.data.LoaderSpec;
import dev.stylefleet.train.data.TestDatasets;
import dev.stylefleet.train.data.TrainingBatch;
import dev.stylefleet.train.data.TrainingDataLoader;
import dev.stylefleet.train.loss.PixelNorm;
import dev.stylefleet.train.net.NetOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The super-resolution recipe the built-in {@code sr-x4/x8} nets are trained with (norm none,
 * sub-pixel upsampling, linear output on a bicubic skip, L1 pixel loss, cosine learning-rate decay,
 * bicubic-only degradation) through the real training loop: the parameters reach the plan, the loss
 * falls, and a checkpoint resumes the same optimisation, the scheduled optimiser's state included.
 */
class ResidualSrTrainingTest {
    private static final int THREADS = 2;

    @TempDir
    Path dir;

    private static TrainingPlan plan(int iterations) {
        return TrainingPlan.of(TrainingPlan.Task.SUPER_RESOLVE, new TrainParams("c3s1-8,R8x2,u8,u8,c3s1-3", "none",
                "subpixel", "zero", 1.0, 4, "pixel", iterations, 2, 32, null, 2e-3, null, null, 0.0, null, null,
                null, null, 10, 5L, "bicubic", "linear", "l1", "cosine", "bicubic", null));
    }

    @Test
    void theParametersReachThePlan() {
        TrainingPlan p = plan(100);
        assertThat(p.netOptions().describe()).isEqualTo("none/subpixel/zero/w1.0/linear/skip-bicubic");
        assertThat(p.weights().pixelNorm()).isEqualTo(PixelNorm.L1);
        assertThat(p.loaderSpec(0).degradation()).isEqualTo(LoaderSpec.Degradation.BICUBIC);
        assertThat(p.learningRateAt(0)).isCloseTo(2e-3, within(1e-12));
        assertThat(p.learningRateAt(50)).isCloseTo(2e-3 * (0.01 + 0.99 * 0.5), within(1e-9));
        assertThat(p.learningRateAt(100)).isCloseTo(2e-5, within(1e-12));
        assertThat(p.describe()).containsEntry("lrDecay", "cosine").containsEntry("degradation", "bicubic")
                .containsEntry("pixelNorm", "l1").containsEntry("options", p.netOptions().describe());
        assertThat(p.netOptions().skip()).isEqualTo(NetOptions.Skip.BICUBIC);
    }

    @Test
    void theLossFallsAndACheckpointResumesTheScheduledOptimiser() {
        TrainingPlan plan = plan(40);
        List<Path> files = TestDatasets.write(dir.resolve("content"), 4, 48, 0);
        List<TrainingBatch> batches = new ArrayList<>();
        try (TrainingDataLoader loader = new TrainingDataLoader(files, plan.loaderSpec(0))) {
            for (int i = 0; i < 30; i++) {
                batches.add(loader.next());
            }
        }
        Path checkpoint = dir.resolve("ckpt");
        List<Double> first = new ArrayList<>();
        List<Double> continued = new ArrayList<>();
        try (Trainer a = Trainer.create(plan, null, null, THREADS)) {
            for (int i = 0; i < 25; i++) {
                first.add(a.step(batches.get(i)).total());
            }
            a.saveCheckpoint(checkpoint, plan.describe());
            for (int i = 25; i < 30; i++) {
                continued.add(a.step(batches.get(i)).total());
            }
        }
        // Same batches again from a fresh net: the decrease is the optimisation, not the data.
        double start = (first.get(0) + first.get(1) + first.get(2)) / 3;
        double end = (first.get(22) + first.get(23) + first.get(24)) / 3;
        assertThat(end).as("L1 loss history %s", first).isLessThan(start);
        try (Trainer b = Trainer.create(plan, null, null, THREADS)) {
            assertThat(b.restoreCheckpoint(checkpoint).step()).isEqualTo(25);
            for (int i = 25; i < 30; i++) {
                assertThat(b.step(batches.get(i)).total()).as("step %d after restore", i + 1)
                        .isCloseTo(continued.get(i - 25), within(1e-4 * continued.get(i - 25)));
            }
        }
    }
}
