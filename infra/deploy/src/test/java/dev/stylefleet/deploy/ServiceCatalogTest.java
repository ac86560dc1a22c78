package dev.stylefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.deploy.validate.ConfigCatalog;
import dev.stylefleet.deploy.validate.QuarkusProperty;
import org.junit.jupiter.api.Test;

/** What the validator checks against is read from the services and Quarkus, not restated here. */
class ServiceCatalogTest {
    private static final ConfigCatalog CATALOG = StylefleetServices.catalog();

    @Test
    void theWorkersShutdownGracesAreTheirDocumentedDefaults() {
        assertThat(CATALOG.service("worker-infer").orElseThrow().keys())
                .containsEntry("stylefleet.infer.shutdown-timeout", "30S")
                .containsEntry("stylefleet.infer.group-id", "stylefleet-infer");
        assertThat(CATALOG.service("worker-train").orElseThrow().keys())
                .containsEntry("stylefleet.train.shutdown-timeout", "60S")
                .containsEntry("stylefleet.train.group-id", "stylefleet-train");
    }

    @Test
    void theWorkersListenOnARandomPortUnlessTheDeploymentSetsOne() {
        assertThat(CATALOG.service("worker-infer").orElseThrow().applicationProperties())
                .containsEntry("quarkus.http.port", "0");
        assertThat(CATALOG.service("api-gateway").orElseThrow().applicationProperties())
                .containsEntry("quarkus.http.port", "8080");
    }

    @Test
    void quarkusPropertiesComeWithTheirPhaseAndDefault() {
        assertThat(CATALOG.quarkus().get("quarkus.http.port")).isEqualTo(new QuarkusProperty("quarkus.http.port", "8080", true));
        assertThat(CATALOG.quarkus().get("quarkus.smallrye-health.root-path").defaultValue()).isEqualTo("health");
        assertThat(CATALOG.quarkus().get("quarkus.http.non-application-root-path").runtime()).isFalse();
    }
}
