package dev.stylefleet.deploy.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The properties of the Quarkus extensions on a class path, read from the configuration model each
 * extension jar ships ({@code META-INF/quarkus-config-doc/quarkus-config-model.json}, the source of
 * Quarkus' own configuration reference). So a {@code quarkus.*} key the manifests set is checked against
 * the Quarkus version the services are built with, not against a list kept by hand.
 */
public final class QuarkusConfigModel {
    static final String RESOURCE = "META-INF/quarkus-config-doc/quarkus-config-model.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private QuarkusConfigModel() {}

    /** Every property of every extension model on the class path, by name. */
    public static Map<String, QuarkusProperty> load(ClassLoader classLoader) {
        Map<String, QuarkusProperty> properties = new TreeMap<>();
        try {
            for (URL model : Collections.list(classLoader.getResources(RESOURCE))) {
                try (InputStream in = model.openStream()) {
                    collect(JSON.readTree(in), properties);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (properties.isEmpty()) {
            throw new IllegalStateException("no " + RESOURCE + " on the class path: add the Quarkus extensions");
        }
        return properties;
    }

    /** A property is any object with path.property; sections and roots nest them at any depth. */
    private static void collect(JsonNode node, Map<String, QuarkusProperty> into) {
        if (node.isObject() && node.path("path").has("property")) {
            // Map keys are written in quotes ("quarkus.log.category.\"categories\".level"): a wildcard.
            String name = node.path("path").path("property").asText().replaceAll("\"[^\"]*\"", "*");
            JsonNode def = node.get("defaultValue");
            into.put(name, new QuarkusProperty(name, def == null || def.isNull() ? null : def.asText(),
                    "RUN_TIME".equals(node.path("phase").asText())));
        }
        node.forEach(child -> collect(child, into));
    }
}
