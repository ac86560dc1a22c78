package dev.stylefleet.gateway.auth;

import dev.stylefleet.gateway.GatewayConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured API keys and their tenants ({@link GatewayConfig#effectiveApiKeys()}), checked at
 * start-up: a tenant name that the message schemas would reject must stop the gateway, not fail every
 * submission of that tenant later.
 */
@Startup
@ApplicationScoped
public class ApiKeys {
    /** Same pattern as {@code tenant} in JobEvent.schema.json and InferJobRequested.schema.json. */
    static final Pattern TENANT = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    private final Map<byte[], String> tenantByKey = new LinkedHashMap<>();

    @Inject
    public ApiKeys(GatewayConfig config) {
        this(config.effectiveApiKeys());
    }

    ApiKeys(Map<String, String> keys) {
        keys.forEach((key, tenant) -> {
            if (key.isBlank()) {
                throw new IllegalStateException("stylefleet.api-keys: an API key is blank");
            }
            if (tenant == null || !TENANT.matcher(tenant).matches()) {
                // Name the tenant, never the key: configuration errors end up in logs.
                throw new IllegalStateException("stylefleet.api-keys: tenant '" + tenant + "' is not allowed; "
                        + "use 1 to 64 letters, digits, '.', '_' or '-'");
            }
            tenantByKey.put(key.getBytes(StandardCharsets.UTF_8), tenant);
        });
    }

    /**
     * The tenant of a presented key. Compares against every key in constant time, so that response
     * timing does not reveal how much of a guessed key was right.
     */
    public Optional<String> tenantOf(String presentedKey) {
        byte[] presented = presentedKey.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<byte[], String> e : tenantByKey.entrySet()) {
            if (MessageDigest.isEqual(presented, e.getKey())) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }
}
