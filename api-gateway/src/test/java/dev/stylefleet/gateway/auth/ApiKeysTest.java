package dev.stylefleet.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void mapsKeysToTenants() {
        ApiKeys keys = new ApiKeys(Map.of("k-one", "acme", "k-two", "globex"));
        assertThat(keys.tenantOf("k-one")).contains("acme");
        assertThat(keys.tenantOf("k-two")).contains("globex");
        assertThat(keys.tenantOf("k-on")).isEmpty();
        assertThat(keys.tenantOf("k-one ")).isEmpty();
        assertThat(keys.tenantOf("")).isEmpty();
    }

    @Test
    void refusesATenantTheSchemasWouldRejectWithoutNamingTheKey() {
        assertThatThrownBy(() -> new ApiKeys(Map.of("s3cr3t-key", "acme corp")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'acme corp'")
                .hasMessageNotContaining("s3cr3t-key");
    }
}
