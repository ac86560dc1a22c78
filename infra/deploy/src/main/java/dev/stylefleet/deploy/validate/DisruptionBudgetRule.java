package dev.stylefleet.deploy.validate;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every Deployment's pods are covered by exactly one PodDisruptionBudget (its selector's labels are all
 * on the pod template), so a node drain never takes a service down at once, nor rebalances a worker
 * group many times over at once.
 */
public final class DisruptionBudgetRule implements ManifestRule {
    @Override
    public List<String> check(RenderedRelease release) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : release.deployments()) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            long budgets = release.disruptionBudgets().stream().filter(b -> covers(b, labels)).count();
            if (budgets != 1) {
                problems.add("Deployment " + deployment.getMetadata().getName() + ": its pods are covered by "
                        + budgets + " PodDisruptionBudgets, expected 1");
            }
        }
        for (PodDisruptionBudget budget : release.disruptionBudgets()) {
            if (budget.getSpec().getMinAvailable() == null && budget.getSpec().getMaxUnavailable() == null) {
                problems.add("PodDisruptionBudget " + budget.getMetadata().getName()
                        + ": sets neither minAvailable nor maxUnavailable");
            }
        }
        return problems;
    }

    private static boolean covers(PodDisruptionBudget budget, Map<String, String> labels) {
        if (budget.getSpec().getSelector() == null || budget.getSpec().getSelector().getMatchLabels() == null
                || labels == null) {
            return false;
        }
        return labels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet());
    }
}
