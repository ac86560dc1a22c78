package dev.stylefleet.deploy.validate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration one container of a service starts with, resolved in the order SmallRye Config reads
 * it: environment variables the manifests set (directly or through a ConfigMap), then the service's
 * application.properties, then the default (the service's documented default for stylefleet.* keys,
 * Quarkus' for quarkus.* keys).
 */
public final class EffectiveConfig {
    private final ServiceProfile service;
    private final ConfigCatalog catalog;
    private final List<EnvSetting> env = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public EffectiveConfig(Container container, ServiceProfile service, ConfigCatalog catalog,
            RenderedRelease release) {
        this.service = service;
        this.catalog = catalog;
        String where = "container " + container.getName();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                Optional<ConfigMap> map = release.configMap(name);
                if (map.isEmpty()) {
                    problems.add(where + " reads ConfigMap " + name + ", which the release does not contain");
                    continue;
                }
                Map<String, String> data = map.get().getData() == null ? Map.of() : map.get().getData();
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                data.forEach((k, v) -> env.add(new EnvSetting(prefix + k, Optional.of(v), "ConfigMap " + name)));
            }
            if (from.getSecretRef() != null) {
                problems.add(where + " takes every key of Secret " + from.getSecretRef().getName()
                        + " as a variable (envFrom), which the build cannot check: name each one with secretKeyRef");
            }
        }
        // Kubernetes lets an env entry override an envFrom one of the same name.
        for (EnvVar var : container.getEnv()) {
            env.removeIf(e -> e.variable().equals(var.getName()));
            env.add(new EnvSetting(var.getName(), var.getValueFrom() == null
                    ? Optional.ofNullable(var.getValue()).or(() -> Optional.of("")) : Optional.empty(), "env"));
        }
    }

    public ServiceProfile service() {
        return service;
    }

    /** Every variable the container gets from the manifests. */
    public List<EnvSetting> env() {
        return List.copyOf(env);
    }

    /** Problems found while resolving (a missing ConfigMap, an unreadable envFrom Secret). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The stylefleet.* key of this service, or the Quarkus property, a variable sets. */
    public Optional<String> keyOf(String variable) {
        return EnvNames.keyOf(variable, service.keys().keySet())
                .or(() -> EnvNames.keyOf(variable, catalog.quarkus().keySet()));
    }

    /**
     * The value of a key and where it comes from, or empty when it has none; a value the cluster
     * supplies (a Secret) is reported as such and has no text.
     */
    public Optional<Value> value(String key) {
        for (EnvSetting e : env) {
            if (EnvNames.matches(e.variable(), key)) {
                return Optional.of(new Value(e.value(), e.variable() + " (" + e.origin() + ")"));
            }
        }
        String fromProperties = service.applicationProperties().get(key);
        if (fromProperties != null) {
            return Optional.of(new Value(Optional.of(fromProperties), service.name() + "'s application.properties"));
        }
        if (service.keys().containsKey(key)) {
            return Optional.ofNullable(service.keys().get(key))
                    .map(d -> new Value(Optional.of(d), "the default in " + service.keysSource()));
        }
        QuarkusProperty quarkus = catalog.quarkus().get(key);
        return Optional.ofNullable(quarkus).map(QuarkusProperty::defaultValue)
                .map(d -> new Value(Optional.of(d), "Quarkus' default"));
    }

    /** A resolved value: its text (empty when the cluster supplies it) and its source. */
    public record Value(Optional<String> text, String source) {}
}
