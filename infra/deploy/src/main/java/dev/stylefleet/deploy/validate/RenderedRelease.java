package dev.stylefleet.deploy.validate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Optional;

/**
 * The objects of one rendered release after parsing: the Kubernetes kinds as fabric8's typed models, the
 * KEDA objects as the YAML they were rendered to (checked by {@link KedaSchema}).
 */
public record RenderedRelease(List<Deployment> deployments, List<ConfigMap> configMaps,
        List<PodDisruptionBudget> disruptionBudgets, List<ManifestObject> scaledObjects) {

    public Optional<ConfigMap> configMap(String name) {
        return configMaps.stream().filter(c -> name.equals(c.getMetadata().getName())).findFirst();
    }

    public Optional<Deployment> deployment(String name) {
        return deployments.stream().filter(d -> name.equals(d.getMetadata().getName())).findFirst();
    }
}
