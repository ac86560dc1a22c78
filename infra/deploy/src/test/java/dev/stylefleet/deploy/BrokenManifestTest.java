package dev.stylefleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stylefleet.deploy.render.ChartRenderer;
import dev.stylefleet.deploy.render.ChartVariant;
import dev.stylefleet.deploy.validate.InvalidManifestException;
import dev.stylefleet.deploy.validate.ManifestDocuments;
import dev.stylefleet.deploy.validate.ManifestObject;
import dev.stylefleet.deploy.validate.ManifestValidator;
import dev.stylefleet.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliberately broken manifests, each refused with a message that names the object and the fault:
 * either the real chart rendered with a bad value (as an operator's --set would), or a rendered object
 * edited the way a hand edit would break it.
 */
class BrokenManifestTest {
    private static final ManifestValidator VALIDATOR = new ManifestValidator(StylefleetServices.catalog());

    @Test
    void anUnknownFieldInADeploymentIsRefused() {
        String broken = edit(Releases.render(ChartVariant.CPU), "Deployment stylefleet-worker-infer",
                o -> container(o).putObject("resoures").putObject("limits").put("memory", "1Gi"));

        assertThatThrownBy(() -> VALIDATOR.validate("broken", broken, false))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessageContaining("Deployment stylefleet-worker-infer: unknown field \"resoures\" at "
                        + "spec.template.spec.containers[0].resoures (not in io.fabric8.kubernetes.api.model.Container)");
    }

    @Test
    void moreReplicasThanPartitionsAreRefused() {
        String broken = Releases.render(ChartVariant.CPU, Map.of("workerInfer.scaling.maxReplicas", 16));

        assertThat(VALIDATOR.problems(broken, false)).containsExactly("ScaledObject stylefleet-worker-infer: "
                + "maxReplicaCount 16 is above the " + StylefleetServices.partitions(Topics.INFER_JOBS)
                + " partitions of stylefleet.jobs.infer; the extra workers would get no partition");
    }

    @Test
    void anUnknownKedaFieldIsRefused() {
        String broken = edit(Releases.render(ChartVariant.CPU), "ScaledObject stylefleet-worker-train",
                o -> ((ObjectNode) o.path("spec").path("triggers").get(0).path("metadata")).put("lagTreshold", "2"));

        assertThat(VALIDATOR.problems(broken, false)).singleElement().asString()
                .startsWith("ScaledObject stylefleet-worker-train: ")
                .contains("lagTreshold");
    }

    @Test
    void aTrainingPoolThatCannotScaleToZeroIsRefused() {
        String broken = Releases.render(ChartVariant.GPU, Map.of("workerTrain.scaling.minReplicas", 1));

        assertThat(VALIDATOR.problems(broken, true)).containsExactly("ScaledObject stylefleet-worker-train: "
                + "minReplicaCount is 1; worker-train must scale to zero when idle (minReplicaCount 0)");
    }

    @Test
    void aConfigurationKeyNoServiceReadsIsRefused() {
        String broken = Releases.render(ChartVariant.CPU,
                Map.of("workerInfer.config.stylefleet\\.infer\\.shutdown-timout", "20S"));

        assertThat(VALIDATOR.problems(broken, false)).containsExactly("Deployment stylefleet-worker-infer sets "
                + "STYLEFLEET_INFER_SHUTDOWN_TIMOUT (env), which is no configuration key of worker-infer "
                + "(its keys: docs/inference.md) nor of Quarkus");
    }

    @Test
    void aKeyOfAnotherServiceIsRefused() {
        String broken = Releases.render(ChartVariant.CPU, Map.of("apiGateway.config.stylefleet\\.infer\\.device", "cpu"));

        assertThat(VALIDATOR.problems(broken, false)).singleElement().asString()
                .contains("STYLEFLEET_INFER_DEVICE (env), which is no configuration key of api-gateway");
    }

    @Test
    void aQuarkusKeyFixedAtBuildTimeIsRefused() {
        String broken = Releases.render(ChartVariant.CPU,
                Map.of("workerTrain.config.quarkus\\.http\\.non-application-root-path", "ops"));

        assertThat(VALIDATOR.problems(broken, false)).contains("Deployment stylefleet-worker-train sets "
                + "QUARKUS_HTTP_NON_APPLICATION_ROOT_PATH (env): quarkus.http.non-application-root-path is fixed "
                + "when Quarkus builds worker-train; setting it at run time has no effect");
    }

    @Test
    void aTerminationGraceBelowTheShutdownGraceIsRefused() {
        String broken = Releases.render(ChartVariant.GPU, Map.of("workerTrain.terminationGracePeriodSeconds", 60));

        assertThat(VALIDATOR.problems(broken, true)).containsExactly("Deployment stylefleet-worker-train: "
                + "terminationGracePeriodSeconds 60 is not above stylefleet.train.shutdown-timeout 60S (from the "
                + "default in docs/training.md) plus 10 s to commit and leave the group; Kubernetes would kill "
                + "worker-train in the middle of its shutdown (set more than 70)");
    }

    @Test
    void aLongerShutdownTimeoutSetInTheManifestNeedsALongerGrace() {
        String broken = Releases.render(ChartVariant.CPU,
                Map.of("workerInfer.config.stylefleet\\.infer\\.shutdown-timeout", "2M"));

        assertThat(VALIDATOR.problems(broken, false)).singleElement().asString()
                .contains("terminationGracePeriodSeconds 45 is not above stylefleet.infer.shutdown-timeout 2M "
                        + "(from STYLEFLEET_INFER_SHUTDOWN_TIMEOUT (env))");
    }

    @Test
    void aProbeOnAPathTheServiceDoesNotServeIsRefused() {
        String broken = edit(Releases.render(ChartVariant.CPU), "Deployment stylefleet-api-gateway",
                o -> ((ObjectNode) container(o).path("readinessProbe").path("httpGet")).put("path", "/health/ready"));

        assertThat(VALIDATOR.problems(broken, false)).containsExactly("Deployment stylefleet-api-gateway "
                + "(api-gateway): the readinessProbe asks for /health/ready, but the service serves it at /q/health/ready");
    }

    @Test
    void aGatewayProbeOnTheApiPortIsRefused() {
        // Issue 15, defect 4: the gateway's health is on the management interface only.
        String broken = edit(Releases.render(ChartVariant.CPU), "Deployment stylefleet-api-gateway",
                o -> ((ObjectNode) container(o).path("livenessProbe").path("httpGet")).put("port", "http"));

        assertThat(VALIDATOR.problems(broken, false)).containsExactly("Deployment stylefleet-api-gateway "
                + "(api-gateway): the livenessProbe goes to port http, but the service serves health on 9000");
    }

    @Test
    void aWorkerLeftOnItsRandomPortIsRefused() {
        String broken = Releases.render(ChartVariant.CPU, Map.of("workerInfer.config.quarkus\\.http\\.port", "0"));

        assertThat(VALIDATOR.problems(broken, false)).contains("Deployment stylefleet-worker-infer (worker-infer): "
                + "quarkus.http.port is 0 (a random port), so no probe can reach the health endpoints; set it");
    }

    @Test
    void aScalerOnAnotherConsumerGroupIsRefused() {
        String broken = edit(Releases.render(ChartVariant.CPU), "ScaledObject stylefleet-worker-infer",
                o -> ((ObjectNode) o.path("spec").path("triggers").get(0).path("metadata"))
                        .put("consumerGroup", "stylefleet-inference"));

        assertThat(VALIDATOR.problems(broken, false)).containsExactly("ScaledObject stylefleet-worker-infer: "
                + "consumerGroup is \"stylefleet-inference\", but stylefleet.infer.group-id of worker-infer (from the "
                + "default in docs/inference.md) is \"stylefleet-infer\"");
    }

    @Test
    void aGpuInTheCpuVariantIsRefused() {
        List<String> problems = VALIDATOR.problems(Releases.render(ChartVariant.GPU), false);

        assertThat(problems).contains("Deployment stylefleet-worker-infer: asks for a GPU (nvidia.com/gpu) in the CPU variant");
    }

    @Test
    void aKindWithoutAModelIsRefused() {
        String job = """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: migrate}
                spec: {template: {spec: {containers: [{name: migrate, image: x}], restartPolicy: Never}}}
                """;

        assertThat(VALIDATOR.problems(Releases.render(ChartVariant.CPU) + "\n---\n" + job, false)).singleElement()
                .asString().startsWith("Job migrate: batch/v1 Job is a kind the build cannot validate");
    }

    @Test
    void aChartHelmCannotRenderFailsItsLint(@TempDir Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(StylefleetServices.CHART)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(StylefleetServices.CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Files.writeString(copy.resolve("templates/broken.yaml"), "{{ .Values.noSuchBlock.replicas }}\n");

        ChartRenderer.Lint lint = new ChartRenderer(copy).lint();

        assertThat(lint.failed()).isTrue();
        assertThat(String.join("\n", lint.messages())).contains("broken.yaml").contains("nil pointer");
    }

    /** The rendered manifests with one object changed. */
    private static String edit(String manifests, String label, Consumer<ObjectNode> change) {
        List<ManifestObject> objects = ManifestDocuments.parse(manifests);
        ManifestObject target = objects.stream().filter(o -> o.label().equals(label)).findFirst().orElseThrow();
        change.accept((ObjectNode) target.node());
        return ManifestDocuments.write(objects);
    }

    private static ObjectNode container(ObjectNode deployment) {
        return (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0);
    }
}
