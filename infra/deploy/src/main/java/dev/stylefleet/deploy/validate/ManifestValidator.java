package dev.stylefleet.deploy.validate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a rendered release with no cluster: every object must be of a kind with a typed model
 * (parsed strictly, see {@link KubernetesKinds}) or a KEDA ScaledObject (checked by {@link KedaSchema});
 * then the {@link ManifestRule}s check what a schema cannot: configuration keys, shutdown grace, health
 * probes, scaling bounds, GPU placement, resources and disruption budgets. The rules run only when
 * every object parses.
 */
public final class ManifestValidator {
    /** Where a ScaledObject carries the HorizontalPodAutoscaler's scaling behaviour. */
    static final String HPA_BEHAVIOR = "spec.advanced.horizontalPodAutoscalerConfig.behavior";
    private static final String HPA_BEHAVIOR_POINTER = "/" + HPA_BEHAVIOR.replace('.', '/');

    private final ConfigCatalog catalog;

    public ManifestValidator(ConfigCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every problem of the manifests, empty when they pass. */
    public List<String> problems(String manifests, boolean gpuVariant) {
        List<String> problems = new ArrayList<>();
        List<Deployment> deployments = new ArrayList<>();
        List<ConfigMap> configMaps = new ArrayList<>();
        List<PodDisruptionBudget> budgets = new ArrayList<>();
        List<ManifestObject> scaledObjects = new ArrayList<>();
        for (ManifestObject object : ManifestDocuments.parse(manifests)) {
            if (KedaSchema.isScaledObject(object)) {
                List<String> schema = KedaSchema.problems(object);
                problems.addAll(schema);
                if (schema.isEmpty() && object.node().at(HPA_BEHAVIOR_POINTER).isObject()) {
                    // The schema lists the behaviour fields stylefleet uses; fabric8's model confirms
                    // they are the HPA's (the part KEDA hands to the HorizontalPodAutoscaler as is).
                    KubernetesKinds.parsePart(object, HPA_BEHAVIOR, HorizontalPodAutoscalerBehavior.class)
                            .problem().ifPresent(problems::add);
                }
                scaledObjects.add(object);
            } else if (KubernetesKinds.isKnown(object)) {
                KubernetesKinds.Parsed<? extends HasMetadata> parsed = KubernetesKinds.parse(object);
                parsed.problem().ifPresent(problems::add);
                parsed.value().ifPresent(typed -> {
                    if (typed instanceof Deployment d) {
                        deployments.add(d);
                    } else if (typed instanceof ConfigMap c) {
                        configMaps.add(c);
                    } else if (typed instanceof PodDisruptionBudget b) {
                        budgets.add(b);
                    }
                });
            } else {
                problems.add(object.label() + ": " + object.apiVersion() + " " + object.kind()
                        + " is a kind the build cannot validate (known: " + KubernetesKinds.known() + ", "
                        + KedaSchema.API_VERSION + " " + KedaSchema.SCALED_OBJECT + ")");
            }
        }
        if (!problems.isEmpty()) {
            // The rules read the objects' structure; on objects that do not parse they would only
            // repeat the same fault as missing pieces.
            return problems;
        }
        RenderedRelease release = new RenderedRelease(deployments, configMaps, budgets, scaledObjects);
        for (ManifestRule rule : rules(gpuVariant)) {
            problems.addAll(rule.check(release));
        }
        return problems;
    }

    /** Throws {@link InvalidManifestException} listing every problem, unless there are none. */
    public void validate(String release, String manifests, boolean gpuVariant) {
        List<String> problems = problems(manifests, gpuVariant);
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(release, problems);
        }
    }

    private List<ManifestRule> rules(boolean gpuVariant) {
        return List.of(new ConfigKeyRule(catalog), new ShutdownGraceRule(catalog), new HealthProbeRule(catalog),
                new ScalingRule(catalog), new GpuPlacementRule(catalog, gpuVariant), new ResourceRule(),
                new DisruptionBudgetRule());
    }
}
