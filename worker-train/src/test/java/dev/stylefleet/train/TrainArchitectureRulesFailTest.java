package dev.stylefleet.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.stylefleet.train.job.TrainWorker;
import dev.stylefleet.train.net.LayerViolationFixture;
import org.junit.jupiter.api.Test;

/** The layer rule is not vacuous: a class in {@code net} that uses the job layer breaks it. */
class TrainArchitectureRulesFailTest {
    @Test
    void aNetClassUsingTheJobLayerViolatesTheLayers() {
        JavaClasses classes = new ClassFileImporter().importClasses(LayerViolationFixture.class, TrainWorker.class);
        var result = TrainArchitectureTest.LAYERS.evaluate(classes);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("LayerViolationFixture").contains("TrainWorker");
    }

    @Test
    void theModuleItselfKeepsThem() {
        JavaClasses classes = new ClassFileImporter().importClasses(TrainWorker.class, Trainer.class);
        assertThat(TrainArchitectureTest.LAYERS.evaluate(classes).hasViolation()).isFalse();
    }
}
