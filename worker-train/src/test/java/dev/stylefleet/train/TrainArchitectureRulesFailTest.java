package dev.stylefleet.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The layer rule is not vacuous: the module's classes plus one test class in {@code net} that uses
 * the job layer ({@code net.LayerViolationFixture}) break it, and that class is what the report names.
 */
class TrainArchitectureRulesFailTest {
    @Test
    void aNetClassUsingTheJobLayerViolatesTheLayers() {
        ImportOption mainAndFixture = location -> ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
                || location.contains("LayerViolationFixture");
        JavaClasses classes = new ClassFileImporter().withImportOption(mainAndFixture)
                .importPackages(TrainArchitectureTest.TRAIN);
        EvaluationResult result = TrainArchitectureTest.LAYERS.evaluate(classes);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).singleElement().asString()
                .contains("LayerViolationFixture").contains("TrainWorker");
    }
}
