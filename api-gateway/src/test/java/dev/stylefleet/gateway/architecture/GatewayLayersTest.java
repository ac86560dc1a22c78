package dev.stylefleet.gateway.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of {@link GatewayRules} on the gateway's production classes (tests excluded). */
class GatewayLayersTest {
    private static JavaClasses gateway;

    @BeforeAll
    static void importProductionClasses() {
        gateway = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(GatewayRules.GATEWAY);
    }

    @Test
    void importsTheGateway() {
        // An empty import would pass every rule.
        assertThat(gateway.stream().map(c -> c.getPackageName()).distinct())
                .contains(GatewayRules.GATEWAY + ".api", GatewayRules.GATEWAY + ".jobs", GatewayRules.GATEWAY + ".errors");
    }

    @Test
    void layersPointDown() {
        GatewayRules.LAYERS.check(gateway);
    }

    @Test
    void nothingBelowDependsOnApi() {
        GatewayRules.NOTHING_BELOW_DEPENDS_ON_API.check(gateway);
    }

    @Test
    void errorsStandAlone() {
        GatewayRules.ERRORS_DEPEND_ON_NO_OTHER_PACKAGE.check(gateway);
    }

    @Test
    void configurationDependsOnNoPackage() {
        GatewayRules.CONFIG_DEPENDS_ON_NO_PACKAGE.check(gateway);
    }

    @Test
    void noPackageCycles() {
        GatewayRules.NO_PACKAGE_CYCLES.check(gateway);
    }

    @Test
    void noWorkerOrCliCode() {
        GatewayRules.NO_WORKER_OR_CLI_CODE.check(gateway);
    }
}
