package dev.stylefleet.deploy.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each worker is scaled by exactly one KEDA ScaledObject on the lag of the consumer group it really
 * uses, on its own job topic, at the Kafka cluster it really talks to; never beyond the topic's
 * partitions (a consumer beyond them gets no partition and idles on a paid node); to zero when idle for
 * the workers that must (training); and its Deployment leaves the replica count to the autoscaler.
 */
public final class ScalingRule implements ManifestRule {
    private final ConfigCatalog catalog;

    public ScalingRule(ConfigCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<String> check(RenderedRelease release) {
        List<String> problems = new ArrayList<>();
        for (ManifestObject scaled : release.scaledObjects()) {
            JsonNode spec = scaled.node().path("spec");
            String target = spec.path("scaleTargetRef").path("name").asText();
            Optional<Deployment> deployment = release.deployment(target);
            if (deployment.isEmpty()) {
                problems.add(scaled.label() + ": scales Deployment " + target + ", which the release does not contain");
                continue;
            }
            Container container = deployment.get().getSpec().getTemplate().getSpec().getContainers().get(0);
            Optional<ServiceProfile> service = catalog.service(container.getName());
            if (service.isEmpty() || service.get().worker().isEmpty()) {
                problems.add(scaled.label() + ": scales " + target + ", which runs no Kafka worker");
                continue;
            }
            check(problems, scaled, spec, service.get(), service.get().worker().get(),
                    new EffectiveConfig(container, service.get(), catalog, release));
        }
        for (Deployment deployment : release.deployments()) {
            String name = deployment.getMetadata().getName();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            boolean worker = catalog.service(container.getName()).flatMap(ServiceProfile::worker).isPresent();
            long scalers = release.scaledObjects().stream()
                    .filter(s -> name.equals(s.node().path("spec").path("scaleTargetRef").path("name").asText()))
                    .count();
            if (worker && scalers != 1) {
                problems.add("Deployment " + name + ": a worker needs exactly one ScaledObject, it has " + scalers);
            }
            if (scalers > 0 && deployment.getSpec().getReplicas() != null) {
                problems.add("Deployment " + name + ": sets spec.replicas although KEDA scales it; every upgrade"
                        + " would reset the autoscaler's count");
            }
        }
        return problems;
    }

    private static void check(List<String> problems, ManifestObject scaled, JsonNode spec, ServiceProfile service,
            WorkerProfile worker, EffectiveConfig config) {
        String where = scaled.label();
        int min = spec.path("minReplicaCount").asInt();
        int max = spec.path("maxReplicaCount").asInt();
        if (max > worker.partitions()) {
            problems.add(where + ": maxReplicaCount " + max + " is above the " + worker.partitions()
                    + " partitions of " + worker.topic() + "; the extra workers would get no partition");
        }
        if (min > max) {
            problems.add(where + ": minReplicaCount " + min + " is above maxReplicaCount " + max);
        }
        if (worker.scalesToZero() && min != 0) {
            problems.add(where + ": minReplicaCount is " + min + "; " + service.name()
                    + " must scale to zero when idle (minReplicaCount 0)");
        }
        JsonNode triggers = spec.path("triggers");
        if (triggers.size() != 1) {
            problems.add(where + ": expected one kafka trigger, found " + triggers.size());
        }
        for (JsonNode trigger : triggers) {
            JsonNode metadata = trigger.path("metadata");
            expect(problems, where, "topic", metadata.path("topic").asText(), worker.topic(),
                    "the topic " + service.name() + " consumes");
            expectKey(problems, where, "consumerGroup", metadata.path("consumerGroup").asText(), worker.groupIdKey(),
                    config);
            expectKey(problems, where, "bootstrapServers", metadata.path("bootstrapServers").asText(),
                    "stylefleet.kafka.bootstrap-servers", config);
        }
    }

    private static void expectKey(List<String> problems, String where, String field, String actual, String key,
            EffectiveConfig config) {
        Optional<EffectiveConfig.Value> value = config.value(key);
        if (value.isEmpty() || value.get().text().isEmpty()) {
            problems.add(where + ": " + field + " cannot be compared with " + key + ", which has no readable value");
            return;
        }
        expect(problems, where, field, actual, value.get().text().get(),
                key + " of " + config.service().name() + " (from " + value.get().source() + ")");
    }

    private static void expect(List<String> problems, String where, String field, String actual, String expected,
            String what) {
        if (!expected.equals(actual)) {
            problems.add(where + ": " + field + " is \"" + actual + "\", but " + what + " is \"" + expected + "\"");
        }
    }
}
