package dev.stylefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stylefleet.deploy.render.ChartRenderer;
import dev.stylefleet.deploy.render.ChartVariant;
import dev.stylefleet.deploy.validate.ManifestDocuments;
import dev.stylefleet.deploy.validate.ManifestObject;
import dev.stylefleet.deploy.validate.ManifestValidator;
import dev.stylefleet.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The build's validation of the deployment: every variant of the chart, rendered by Helm, passes the
 * validator (typed Kubernetes models with unknown fields refused, the KEDA schema, and the rules on
 * configuration keys, shutdown grace, probes, scaling, GPUs, resources and disruption budgets).
 */
class DeploymentValidationTest {
    private static final ManifestValidator VALIDATOR = new ManifestValidator(StylefleetServices.catalog());
    private static final Path OUTPUT = Path.of("target/manifests");

    @ParameterizedTest
    @EnumSource(ChartVariant.class)
    void everyVariantRendersAndValidates(ChartVariant variant) {
        String manifests = Releases.render(variant);
        // Kept for a look at what an operator would apply: target/manifests/cpu.yaml, gpu.yaml.
        write(OUTPUT.resolve(variant.name().toLowerCase(Locale.ROOT) + ".yaml"), manifests);

        VALIDATOR.validate(variant.name(), manifests, variant.gpu());

        assertThat(ManifestDocuments.parse(manifests)).extracting(ManifestObject::label).containsExactlyInAnyOrder(
                "Namespace stylefleet", "ConfigMap stylefleet-shared",
                "Deployment stylefleet-api-gateway", "Service stylefleet-api-gateway",
                "PodDisruptionBudget stylefleet-api-gateway",
                "Deployment stylefleet-worker-infer", "PodDisruptionBudget stylefleet-worker-infer",
                "ScaledObject stylefleet-worker-infer",
                "Deployment stylefleet-worker-train", "PodDisruptionBudget stylefleet-worker-train",
                "ScaledObject stylefleet-worker-train");
    }

    @ParameterizedTest
    @EnumSource(ChartVariant.class)
    void workersScaleWithinTheirPartitionsAndTrainingScalesToZero(ChartVariant variant) {
        List<ManifestObject> objects = ManifestDocuments.parse(Releases.render(variant));

        JsonNode infer = scaledObject(objects, "stylefleet-worker-infer");
        JsonNode train = scaledObject(objects, "stylefleet-worker-train");
        assertThat(infer.path("maxReplicaCount").asInt())
                .isLessThanOrEqualTo(StylefleetServices.partitions(Topics.INFER_JOBS));
        assertThat(train.path("maxReplicaCount").asInt())
                .isLessThanOrEqualTo(StylefleetServices.partitions(Topics.TRAIN_JOBS));
        assertThat(train.path("minReplicaCount").asInt()).isZero();
        assertThat(infer.path("triggers").get(0).path("metadata").path("topic").asText()).isEqualTo(Topics.INFER_JOBS);
        assertThat(train.path("triggers").get(0).path("metadata").path("topic").asText()).isEqualTo(Topics.TRAIN_JOBS);
    }

    @Test
    void helmLintsTheChartStrictly() {
        ChartRenderer.Lint lint = new ChartRenderer(StylefleetServices.CHART).lint();

        assertThat(lint.failed()).as("helm lint --strict: %s", lint.messages()).isFalse();
    }

    @Test
    void onlyTheGpuVariantAsksForGpus() {
        assertThat(Releases.render(ChartVariant.CPU)).doesNotContain("nvidia.com/gpu");
        String gpu = Releases.render(ChartVariant.GPU);
        for (String worker : List.of("stylefleet-worker-infer", "stylefleet-worker-train")) {
            JsonNode pod = ManifestDocuments.parse(gpu).stream()
                    .filter(o -> o.label().equals("Deployment " + worker)).findFirst().orElseThrow()
                    .node().path("spec").path("template").path("spec");
            assertThat(pod.path("containers").get(0).path("resources").path("limits").path("nvidia.com/gpu").asInt())
                    .isEqualTo(1);
            assertThat(pod.path("nodeSelector").size()).isPositive();
            assertThat(pod.path("tolerations").get(0).path("key").asText()).isEqualTo("nvidia.com/gpu");
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode scaledObject(List<ManifestObject> objects, String name) {
        return objects.stream().filter(o -> o.label().equals("ScaledObject " + name)).findFirst().orElseThrow()
                .node().path("spec");
    }
}
