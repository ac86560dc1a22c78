package dev.stylefleet.gateway.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.stylefleet.gateway.archfixture.api.FixtureResource;
import dev.stylefleet.gateway.archfixture.jobs.FixtureJobs;
import dev.stylefleet.gateway.archfixture.jobs.FixtureQueue;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link GatewayRules} do fail: the same definitions, aimed at the test-only fixture tree
 * {@code dev.stylefleet.gateway.archfixture} (api/FixtureResource -> jobs/FixtureJobs -> back to api),
 * report the violation. Without this, a rule that matches nothing (a mistyped package) would pass forever.
 */
class GatewayRulesProofTest {
    private static final String FIXTURE = GatewayRules.GATEWAY + ".archfixture";
    private final JavaClasses fixture = new ClassFileImporter().importClasses(FixtureResource.class, FixtureJobs.class);

    @Test
    void aBackwardsDependencyOnApiFails() {
        assertThatThrownBy(() -> GatewayRules.nothingBelowDependsOnApi(FIXTURE).check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(FixtureJobs.class.getName())
                .hasMessageContaining(FixtureResource.class.getName());
    }

    @Test
    void theLayersFailOnIt() {
        assertThatThrownBy(() -> GatewayRules.layers(FIXTURE).check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(FixtureJobs.class.getName());
    }

    @Test
    void theCycleFails() {
        assertThatThrownBy(() -> GatewayRules.noPackageCycles(FIXTURE).check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle");
    }

    /** The same rule passes once the backwards class is gone: it fails for the violation, not for any class. */
    @Test
    void theAllowedDirectionPasses() {
        JavaClasses allowedOnly = new ClassFileImporter().importClasses(FixtureResource.class, FixtureQueue.class);
        assertThatCode(() -> GatewayRules.nothingBelowDependsOnApi(FIXTURE).check(allowedOnly)).doesNotThrowAnyException();
    }
}
