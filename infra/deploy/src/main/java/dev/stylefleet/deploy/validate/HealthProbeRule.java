package dev.stylefleet.deploy.validate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every container has readiness and liveness probes (and, if any, a startup probe) on the HTTP endpoints
 * SmallRye Health really serves for that service: the paths and the port are worked out from Quarkus'
 * configuration as the service resolves it (its application.properties, the manifests' variables,
 * Quarkus' defaults), so a probe on a path or port the service does not answer is refused.
 */
public final class HealthProbeRule implements ManifestRule {
    private final ConfigCatalog catalog;

    public HealthProbeRule(ConfigCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<String> check(RenderedRelease release) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : release.deployments()) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                Optional<ServiceProfile> service = catalog.service(container.getName());
                if (service.isEmpty()) {
                    continue;
                }
                EffectiveConfig config = new EffectiveConfig(container, service.get(), catalog, release);
                String where = "Deployment " + deployment.getMetadata().getName() + " (" + container.getName() + ")";
                boolean management = Boolean.parseBoolean(text(config, "quarkus.management.enabled").orElse("false"));
                String portKey = management ? "quarkus.management.port" : "quarkus.http.port";
                Optional<String> port = management
                        ? Optional.of(text(config, portKey).orElse(MANAGEMENT_DEFAULT_PORT))
                        : text(config, portKey);
                if (port.isEmpty() || port.get().equals("0")) {
                    problems.add(where + ": " + portKey + " is " + port.orElse("unknown")
                            + " (a random port), so no probe can reach the health endpoints; set it");
                    continue;
                }
                String health = management ? managementHealthRoot(config) : healthRoot(config);
                probe(problems, where, "readinessProbe", container.getReadinessProbe(), true, container,
                        join(health, text(config, "quarkus.smallrye-health.readiness-path").orElseThrow()), port.get());
                probe(problems, where, "livenessProbe", container.getLivenessProbe(), true, container,
                        join(health, text(config, "quarkus.smallrye-health.liveness-path").orElseThrow()), port.get());
                probe(problems, where, "startupProbe", container.getStartupProbe(), false, container,
                        join(health, text(config, "quarkus.smallrye-health.startup-path").orElseThrow()), port.get());
            }
        }
        return problems;
    }

    /** Quarkus' documented defaults of the management interface, for a catalog that does not list them. */
    static final String MANAGEMENT_DEFAULT_PORT = "9000";
    static final String MANAGEMENT_DEFAULT_ROOT = "/q";

    /**
     * With the management interface on, health lives under {@code quarkus.management.root-path} on
     * {@code quarkus.management.port}, whatever the application's HTTP root.
     */
    private static String managementHealthRoot(EffectiveConfig config) {
        String root = text(config, "quarkus.management.root-path").orElse(MANAGEMENT_DEFAULT_ROOT);
        return join(root, text(config, "quarkus.smallrye-health.root-path").orElseThrow());
    }

    /**
     * Quarkus' health root: {@code quarkus.smallrye-health.root-path} under the non-application root
     * ({@code quarkus.http.non-application-root-path}) under {@code quarkus.http.root-path}; a path that
     * starts with "/" is taken from the level above instead (Quarkus' rule for these paths).
     */
    private static String healthRoot(EffectiveConfig config) {
        String root = text(config, "quarkus.http.root-path").orElse("/");
        String nonApplication = join(root, text(config, "quarkus.http.non-application-root-path").orElseThrow());
        return join(nonApplication, text(config, "quarkus.smallrye-health.root-path").orElseThrow());
    }

    static String join(String base, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return (base.endsWith("/") ? base : base + "/") + path;
    }

    private static Optional<String> text(EffectiveConfig config, String key) {
        return config.value(key).flatMap(EffectiveConfig.Value::text);
    }

    private static void probe(List<String> problems, String where, String kind, Probe probe, boolean required,
            Container container, String expectedPath, String expectedPort) {
        if (probe == null) {
            if (required) {
                problems.add(where + ": no " + kind + " (expected an HTTP GET of " + expectedPath + " on port "
                        + expectedPort + ")");
            }
            return;
        }
        if (probe.getHttpGet() == null) {
            problems.add(where + ": the " + kind + " is no HTTP GET of " + expectedPath);
            return;
        }
        String path = probe.getHttpGet().getPath();
        if (!expectedPath.equals(path)) {
            problems.add(where + ": the " + kind + " asks for " + path + ", but the service serves it at "
                    + expectedPath);
        }
        Optional<Integer> port = resolve(probe.getHttpGet().getPort(), container);
        if (port.isEmpty() || !expectedPort.equals(String.valueOf(port.get()))) {
            problems.add(where + ": the " + kind + " goes to port " + show(probe.getHttpGet().getPort())
                    + ", but the service serves health on " + expectedPort);
        }
    }

    private static String show(IntOrString port) {
        return port == null ? "none" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    /** A probe's port: a number, or the name of one of the container's ports. */
    private static Optional<Integer> resolve(IntOrString port, Container container) {
        if (port == null) {
            return Optional.empty();
        }
        if (port.getIntVal() != null) {
            return Optional.of(port.getIntVal());
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst();
    }
}
