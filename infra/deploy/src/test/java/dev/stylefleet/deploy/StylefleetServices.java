package dev.stylefleet.deploy;

import dev.stylefleet.deploy.validate.ConfigCatalog;
import dev.stylefleet.deploy.validate.QuarkusConfigModel;
import dev.stylefleet.deploy.validate.ServiceProfile;
import dev.stylefleet.deploy.validate.WorkerProfile;
import dev.stylefleet.platform.config.ConfigDocs;
import dev.stylefleet.schemas.Topics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The services as they are in this repository, for the validator. Each service's stylefleet.* keys and
 * their defaults come from its configuration tables in docs (which the service's ConfigDocsTest keeps
 * equal to its @ConfigMapping interfaces, whatever classes declare them); its Quarkus overrides from its
 * application.properties; the job topics' partition counts from schemas' {@link Topics#ALL} (what the
 * topic provisioning creates); Quarkus' own keys from the extensions' configuration models.
 */
final class StylefleetServices {
    /** The repository root, seen from this module's directory (where Maven runs its tests). */
    static final Path ROOT = Path.of("../..");
    /** The chart. */
    static final Path CHART = Path.of("chart");

    private StylefleetServices() {}

    static ConfigCatalog catalog() {
        Map<String, ServiceProfile> services = new LinkedHashMap<>();
        services.put("api-gateway", service("api-gateway", "docs/api.md", Optional.empty()));
        services.put("worker-infer", service("worker-infer", "docs/inference.md", Optional.of(new WorkerProfile(
                Topics.INFER_JOBS, partitions(Topics.INFER_JOBS), "stylefleet.infer.group-id",
                "stylefleet.infer.shutdown-timeout", false))));
        services.put("worker-train", service("worker-train", "docs/training.md", Optional.of(new WorkerProfile(
                Topics.TRAIN_JOBS, partitions(Topics.TRAIN_JOBS), "stylefleet.train.group-id",
                "stylefleet.train.shutdown-timeout", true))));
        return new ConfigCatalog(services, QuarkusConfigModel.load(StylefleetServices.class.getClassLoader()));
    }

    static int partitions(String topic) {
        return Topics.ALL.stream().filter(s -> s.name().equals(topic)).findFirst()
                .orElseThrow(() -> new IllegalStateException(topic + " is not in Topics.ALL"))
                .partitions();
    }

    private static ServiceProfile service(String name, String doc, Optional<WorkerProfile> worker) {
        Map<String, String> keys = new TreeMap<>(ConfigDocs.documentedKeys(ROOT.resolve(doc)));
        // The tables also document some quarkus.* keys; those are checked against Quarkus' own model.
        keys.keySet().removeIf(key -> !key.startsWith("stylefleet."));
        if (keys.isEmpty()) {
            throw new IllegalStateException(doc + " has no configuration table");
        }
        return new ServiceProfile(name, keys, doc, applicationProperties(name), worker);
    }

    private static Map<String, String> applicationProperties(String service) {
        Path file = ROOT.resolve(service).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }
}
