package dev.stylefleet.deploy.validate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In a GPU variant every worker runs on a GPU node pool: a node selector, a toleration of the GPU nodes'
 * taint and an {@code nvidia.com/gpu} limit (which is what makes the device plugin hand the container a
 * GPU). In a CPU variant nothing asks for a GPU, and the gateway never does.
 */
public final class GpuPlacementRule implements ManifestRule {
    /** The extended resource of NVIDIA's device plugin, also the usual taint key of GPU nodes. */
    public static final String GPU_RESOURCE = "nvidia.com/gpu";

    private final ConfigCatalog catalog;
    private final boolean gpuVariant;

    public GpuPlacementRule(ConfigCatalog catalog, boolean gpuVariant) {
        this.catalog = catalog;
        this.gpuVariant = gpuVariant;
    }

    @Override
    public List<String> check(RenderedRelease release) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : release.deployments()) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String where = "Deployment " + deployment.getMetadata().getName();
            boolean tolerates = pod.getTolerations().stream().anyMatch(t -> GPU_RESOURCE.equals(t.getKey()));
            for (Container container : pod.getContainers()) {
                boolean worker = catalog.service(container.getName()).flatMap(ServiceProfile::worker).isPresent();
                Optional<Quantity> gpus = gpuLimit(container.getResources());
                boolean requested = gpus.isPresent() || Optional.ofNullable(container.getResources())
                        .map(ResourceRequirements::getRequests).map(r -> r.containsKey(GPU_RESOURCE)).orElse(false);
                if (gpuVariant && worker) {
                    if (gpus.isEmpty() || gpus.get().getNumericalAmount().signum() <= 0) {
                        problems.add(where + ": a GPU worker without a " + GPU_RESOURCE + " limit");
                    }
                    if (pod.getNodeSelector() == null || pod.getNodeSelector().isEmpty()) {
                        problems.add(where + ": a GPU worker without a nodeSelector for its GPU node pool");
                    }
                    if (!tolerates) {
                        problems.add(where + ": a GPU worker without a toleration of " + GPU_RESOURCE);
                    }
                } else if (requested || tolerates) {
                    problems.add(where + ": asks for a GPU (" + GPU_RESOURCE + ")"
                            + (gpuVariant ? ", but it is no worker" : " in the CPU variant"));
                }
            }
        }
        return problems;
    }

    private static Optional<Quantity> gpuLimit(ResourceRequirements resources) {
        Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
        return Optional.ofNullable(limits).map(l -> l.get(GPU_RESOURCE));
    }
}
