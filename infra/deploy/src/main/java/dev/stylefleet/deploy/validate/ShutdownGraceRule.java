package dev.stylefleet.deploy.validate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A worker's pod is given more time to stop than the worker gives its jobs: Kubernetes sends SIGTERM,
 * the worker lets its jobs finish (or checkpoint) for its shutdown-timeout, then commits its offsets and
 * leaves the consumer group. Kubernetes kills the pod terminationGracePeriodSeconds after SIGTERM; a
 * grace at or below the worker's timeout cuts that shutdown short and the group waits a full session
 * timeout for the dead member.
 */
public final class ShutdownGraceRule implements ManifestRule {
    /**
     * Time after the shutdown timeout for the final offset commit, the leave-group request and the JVM's
     * exit: a few broker round trips, well under this on a healthy cluster.
     */
    public static final Duration MARGIN = Duration.ofSeconds(10);
    /** Kubernetes' terminationGracePeriodSeconds when a pod spec leaves it out. */
    static final long KUBERNETES_DEFAULT_GRACE_SECONDS = 30;

    private final ConfigCatalog catalog;

    public ShutdownGraceRule(ConfigCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<String> check(RenderedRelease release) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : release.deployments()) {
            Long set = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            long grace = set == null ? KUBERNETES_DEFAULT_GRACE_SECONDS : set;
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                Optional<ServiceProfile> service = catalog.service(container.getName());
                if (service.isEmpty() || service.get().worker().isEmpty()) {
                    continue;
                }
                String key = service.get().worker().get().shutdownTimeoutKey();
                EffectiveConfig config = new EffectiveConfig(container, service.get(), catalog, release);
                Optional<EffectiveConfig.Value> value = config.value(key);
                String where = "Deployment " + deployment.getMetadata().getName();
                if (value.isEmpty() || value.get().text().isEmpty()) {
                    problems.add(where + ": " + key + " has no value the build can read");
                    continue;
                }
                Duration timeout = QuarkusDurations.parse(value.get().text().get());
                Duration needed = timeout.plus(MARGIN);
                if (Duration.ofSeconds(grace).compareTo(needed) <= 0) {
                    problems.add(where + ": terminationGracePeriodSeconds " + grace + " is not above " + key + " "
                            + value.get().text().get() + " (from " + value.get().source() + ") plus "
                            + MARGIN.toSeconds() + " s to commit and leave the group; Kubernetes would kill "
                            + container.getName() + " in the middle of its shutdown (set more than "
                            + needed.toSeconds() + ")");
                }
            }
        }
        return problems;
    }
}
