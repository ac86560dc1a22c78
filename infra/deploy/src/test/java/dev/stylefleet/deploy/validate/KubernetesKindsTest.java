package dev.stylefleet.deploy.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import org.junit.jupiter.api.Test;

class KubernetesKindsTest {

    @Test
    void aWellFormedObjectBecomesItsTypedModel() {
        ManifestObject deployment = ManifestDocuments.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  selector: {matchLabels: {app: d}}
                  template:
                    metadata: {labels: {app: d}}
                    spec:
                      terminationGracePeriodSeconds: 45
                      containers: [{name: d, image: x, resources: {limits: {memory: 1Gi}}}]
                """).get(0);

        KubernetesKinds.Parsed<?> parsed = KubernetesKinds.parse(deployment);

        assertThat(parsed.problem()).isEmpty();
        Deployment typed = (Deployment) parsed.value().orElseThrow();
        assertThat(typed.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(45L);
        assertThat(typed.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits()
                .get("memory").toString()).isEqualTo("1Gi");
    }

    @Test
    void aMisplacedFieldIsRefusedWithItsPath() {
        ManifestObject deployment = ManifestDocuments.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  terminationGracePeriodSeconds: 45
                  selector: {matchLabels: {app: d}}
                """).get(0);

        assertThat(KubernetesKinds.parse(deployment).problem()).contains("Deployment d: unknown field "
                + "\"terminationGracePeriodSeconds\" at spec.terminationGracePeriodSeconds (not in "
                + "io.fabric8.kubernetes.api.model.apps.DeploymentSpec)");
    }

    @Test
    void anEmbeddedPartIsCheckedAgainstItsModel() {
        ManifestObject scaled = ManifestDocuments.parse("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: s}
                spec: {behavior: {scaleDown: {stabilisationWindowSeconds: 300}}}
                """).get(0);

        assertThat(KubernetesKinds.parsePart(scaled, "spec.behavior", HorizontalPodAutoscalerBehavior.class)
                .problem()).contains("ScaledObject s: unknown field \"stabilisationWindowSeconds\" at "
                        + "spec.behavior.scaleDown.stabilisationWindowSeconds (not in "
                        + "io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules)");
    }
}
