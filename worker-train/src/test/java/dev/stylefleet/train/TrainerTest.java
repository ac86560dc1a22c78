package dev.stylefleet.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.stylefleet.schemas.TrainParams;
import dev.stylefleet.train.data.RgbImage;
import dev.stylefleet.train.data.TestDatasets;
import dev.stylefleet.train.data.TrainingBatch;
import dev.stylefleet.train.data.TrainingDataLoader;
import dev.stylefleet.train.vgg.KerasVgg16File;
import dev.stylefleet.train.vgg.Vgg16Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training loop on generated data: the objective falls, checkpoints resume the same
 * optimisation, and a stop lands within one step.
 */
class TrainerTest {
    private static final int THREADS = 2;

    @TempDir
    Path dir;

    static TrainParams params(String arch, Double width, Integer scale, String loss, int iterations, int batch,
            int imageSize, Double lr) {
        return new TrainParams(arch, null, null, null, width, scale, loss, iterations, batch, imageSize, 64, lr,
                null, null, null, null, null, null, null, 10, 3L,
                null, null, null, null, null, null);
    }

    @Test
    void aTinyStyleJobHalvesItsTotalLossIn30Steps() {
        Vgg16Weights vgg = Vgg16Weights.read(writeVgg());
        TrainingPlan plan = TrainingPlan.of(TrainingPlan.Task.STYLE, params(null, 0.25, null, null, 30, 4, 64, null));
        List<Path> files = TestDatasets.write(dir.resolve("content"), 6, 72, 1);
        RgbImage style = TestDatasets.image(80, 60, 999);
        List<Double> totals = new ArrayList<>();
        try (Trainer trainer = Trainer.create(plan, vgg, style, THREADS);
                TrainingDataLoader loader = new TrainingDataLoader(files, plan.loaderSpec(0))) {
            Trainer.Outcome outcome = trainer.train(loader, l -> {
                totals.add(l.total());
                assertThat(l.losses()).containsOnlyKeys("content", "style", "tv", "total");
                assertThat(l.losses().get("content") + l.losses().get("style") + l.losses().get("tv"))
                        .isCloseTo(l.total(), within(1e-3 * l.total()));
            });
            assertThat(outcome).isEqualTo(Trainer.Outcome.COMPLETED);
            assertThat(trainer.stepsDone()).isEqualTo(30);
            assertThat(loader.skippedImages()).as("the broken file is skipped and counted").isEqualTo(1);
        }
        double last = (totals.get(27) + totals.get(28) + totals.get(29)) / 3;
        System.out.printf("TrainerTest: tiny style job total loss %.4g -> %.4g (mean of the last 3) in 30 steps%n",
                totals.get(0), last);
        assertThat(last).as("total loss history %s", totals).isLessThanOrEqualTo(totals.get(0) / 2);
    }

    @Test
    void aRestoredCheckpointContinuesTheSameOptimisation() {
        TrainingPlan plan = TrainingPlan.of(TrainingPlan.Task.SUPER_RESOLVE,
                params(null, 0.25, 4, "pixel", 20, 2, 32, null));
        List<Path> files = TestDatasets.write(dir.resolve("content"), 3, 40, 0);
        List<TrainingBatch> batches = new ArrayList<>();
        try (TrainingDataLoader loader = new TrainingDataLoader(files, plan.loaderSpec(0))) {
            for (int i = 0; i < 5; i++) {
                batches.add(loader.next());
            }
        }
        Path checkpoint = dir.resolve("ckpt");
        List<Double> continued = new ArrayList<>();
        try (Trainer a = Trainer.create(plan, null, null, THREADS)) {
            for (int i = 0; i < 3; i++) {
                a.step(batches.get(i));
            }
            a.saveCheckpoint(checkpoint, plan.describe());
            for (int i = 3; i < 5; i++) {
                continued.add(a.step(batches.get(i)).total());
            }
        }
        try (Trainer b = Trainer.create(plan, null, null, THREADS)) {
            assertThat(b.restoreCheckpoint(checkpoint).step()).isEqualTo(3);
            assertThat(b.stepsDone()).isEqualTo(3);
            assertThat(b.lossHistory()).extracting(p -> p.step()).containsExactly(1L);
            for (int i = 3; i < 5; i++) {
                StepLosses l = b.step(batches.get(i));
                assertThat(l.step()).isEqualTo(i + 1);
                assertThat(l.total()).as("step %d after restore", i + 1)
                        .isCloseTo(continued.get(i - 3), within(1e-4 * continued.get(i - 3)));
            }
        }
        // A fresh network (no restore) would start elsewhere: the comparison above is not vacuous.
        try (Trainer c = Trainer.create(plan, null, null, THREADS)) {
            assertThat(c.step(batches.get(3)).total()).isNotCloseTo(continued.get(0), within(1e-3 * continued.get(0)));
        }
    }

    @Test
    void aStopRequestEndsTrainingBeforeTheNextStep() {
        TrainingPlan plan = TrainingPlan.of(TrainingPlan.Task.SUPER_RESOLVE,
                params(null, 0.25, 4, "pixel", 1000, 1, 16, null));
        List<Path> files = TestDatasets.write(dir.resolve("content"), 2, 24, 0);
        try (Trainer trainer = Trainer.create(plan, null, null, THREADS);
                TrainingDataLoader loader = new TrainingDataLoader(files, plan.loaderSpec(0))) {
            Trainer.Outcome outcome = trainer.train(loader, l -> {
                if (l.step() == 2) {
                    trainer.requestStop();
                }
            });
            assertThat(outcome).isEqualTo(Trainer.Outcome.STOPPED);
            assertThat(trainer.stepsDone()).isEqualTo(2);
        }
    }

    private Path writeVgg() {
        Path file = dir.resolve("vgg16-test.h5");
        KerasVgg16File.write(file, 11);
        return file;
    }
}
