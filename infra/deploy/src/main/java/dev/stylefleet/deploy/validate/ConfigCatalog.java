package dev.stylefleet.deploy.validate;

import java.util.Map;
import java.util.Optional;

/**
 * Everything the manifests may be checked against: the services by name, and Quarkus' own properties.
 */
public record ConfigCatalog(Map<String, ServiceProfile> services, Map<String, QuarkusProperty> quarkus) {

    public Optional<ServiceProfile> service(String name) {
        return Optional.ofNullable(services.get(name));
    }
}
