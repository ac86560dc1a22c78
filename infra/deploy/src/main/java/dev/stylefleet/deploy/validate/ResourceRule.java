package dev.stylefleet.deploy.validate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every container requests CPU and memory (what the scheduler and the cluster autoscaler size nodes
 * by) and caps its memory (a JVM sizes its heap from the limit; without one a leak takes the node).
 */
public final class ResourceRule implements ManifestRule {
    @Override
    public List<String> check(RenderedRelease release) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : release.deployments()) {
            for (Container c : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String where = "Deployment " + deployment.getMetadata().getName() + " (" + c.getName() + ")";
                Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
                Map<String, Quantity> limits = c.getResources() == null ? null : c.getResources().getLimits();
                for (String resource : List.of("cpu", "memory")) {
                    if (requests == null || !requests.containsKey(resource)) {
                        problems.add(where + ": no " + resource + " request");
                    }
                }
                if (limits == null || !limits.containsKey("memory")) {
                    problems.add(where + ": no memory limit");
                }
            }
        }
        return problems;
    }
}
