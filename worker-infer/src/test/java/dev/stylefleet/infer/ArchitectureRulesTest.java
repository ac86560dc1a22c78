package dev.stylefleet.infer;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.stylefleet.infer.archfixture.imaging.Decoder;
import dev.stylefleet.infer.archfixture.messaging.Poller;
import org.junit.jupiter.api.Test;

/**
 * The rules catch what they are for: a fixture whose imaging class reaches up into messaging (and
 * thereby closes a cycle) breaks the layer rule and the cycle rule, naming the offending class.
 */
class ArchitectureRulesTest {
    static final String FIXTURE = "dev.stylefleet.infer.archfixture";
    static final JavaClasses CLASSES = new ClassFileImporter().importClasses(Decoder.class, Poller.class);

    @Test
    void anImagingClassThatUsesMessagingBreaksTheLayerRule() {
        EvaluationResult result = InferArchitecture.layers(FIXTURE).evaluate(CLASSES);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains(Decoder.class.getName()).contains(Poller.class.getName()));
    }

    @Test
    void theSameFixtureBreaksTheCycleRule() {
        assertThat(InferArchitecture.noCycles(FIXTURE).evaluate(CLASSES).hasViolation()).isTrue();
    }

    @Test
    void withoutTheBackwardReferenceTheFixtureIsClean() {
        JavaClasses pollerOnly = new ClassFileImporter().importClasses(Poller.class);
        assertThat(InferArchitecture.layers(FIXTURE).evaluate(pollerOnly).hasViolation()).isFalse();
    }
}
