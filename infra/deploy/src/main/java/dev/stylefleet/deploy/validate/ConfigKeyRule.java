package dev.stylefleet.deploy.validate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every configuration key a container gets from the manifests is one its service reads: a stylefleet.*
 * key of that service's configuration, or a Quarkus property that can be set at run time. A misspelt
 * key would otherwise be ignored silently and the service would run on its default.
 */
public final class ConfigKeyRule implements ManifestRule {
    /**
     * Variables read by the image's entry point (infra/deploy/Dockerfile) or by the C library under the
     * JVM (glibc's malloc), not by the configuration.
     */
    static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_OPTS", "MALLOC_ARENA_MAX");

    private final ConfigCatalog catalog;

    public ConfigKeyRule(ConfigCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<String> check(RenderedRelease release) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : release.deployments()) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                Optional<ServiceProfile> service = catalog.service(container.getName());
                if (service.isEmpty()) {
                    problems.add("Deployment " + deployment.getMetadata().getName() + ": container "
                            + container.getName() + " is no stylefleet service (" + catalog.services().keySet() + ")");
                    continue;
                }
                EffectiveConfig config = new EffectiveConfig(container, service.get(), catalog, release);
                problems.addAll(config.problems().stream()
                        .map(p -> "Deployment " + deployment.getMetadata().getName() + ": " + p).toList());
                for (EnvSetting env : config.env()) {
                    check(deployment, service.get(), config, env).ifPresent(problems::add);
                }
            }
        }
        return problems;
    }

    private Optional<String> check(Deployment deployment, ServiceProfile service, EffectiveConfig config,
            EnvSetting env) {
        String where = "Deployment " + deployment.getMetadata().getName() + " sets " + env.variable() + " ("
                + env.origin() + ")";
        if (IMAGE_VARIABLES.contains(env.variable())) {
            return Optional.empty();
        }
        Optional<String> key = config.keyOf(env.variable());
        if (key.isEmpty()) {
            return Optional.of(where + ", which is no configuration key of " + service.name() + " (its keys: "
                    + service.keysSource() + ") nor of Quarkus");
        }
        QuarkusProperty quarkus = catalog.quarkus().get(key.get());
        if (quarkus != null && !quarkus.runtime()) {
            return Optional.of(where + ": " + key.get() + " is fixed when Quarkus builds " + service.name()
                    + "; setting it at run time has no effect");
        }
        return Optional.empty();
    }
}
