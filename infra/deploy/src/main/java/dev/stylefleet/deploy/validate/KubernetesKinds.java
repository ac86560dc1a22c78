package dev.stylefleet.deploy.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The Kubernetes kinds the chart may render, each parsed into fabric8's typed model (the classes are
 * generated from the Kubernetes OpenAPI schema) with unknown fields refused.
 *
 * <p>fabric8's model classes keep unknown fields in an {@code additionalProperties} map (a Jackson
 * any-setter) instead of failing; the mapper here removes that any-setter from every bean and turns on
 * {@code FAIL_ON_UNKNOWN_PROPERTIES}, so a misspelt or misplaced field fails with its path.
 */
public final class KubernetesKinds {
    /** "apiVersion kind" of every kind stylefleet deploys, to its typed model. */
    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.of(
            "v1 Namespace", Namespace.class,
            "v1 ConfigMap", ConfigMap.class,
            "v1 Service", Service.class,
            "apps/v1 Deployment", Deployment.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class);

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("stylefleet-strict-kubernetes").setDeserializerModifier(
                    new ValueDeserializerModifier() {
                        @Override
                        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config,
                                BeanDescription.Supplier bean, BeanDeserializerBuilder builder) {
                            builder.setAnySetter(null);
                            return builder;
                        }
                    }))
            .build();

    private KubernetesKinds() {}

    /** Whether the object is of a kind with a typed model here. */
    public static boolean isKnown(ManifestObject object) {
        return MODELS.containsKey(object.apiVersion() + " " + object.kind());
    }

    /** The "apiVersion kind" pairs with a typed model, for messages. */
    public static List<String> known() {
        return MODELS.keySet().stream().sorted().toList();
    }

    /**
     * The object as its typed model, or the reason it is not one: an unknown field (with its path and
     * the model class that lacks it) or a value of the wrong type.
     */
    public static <T extends HasMetadata> Parsed<T> parse(ManifestObject object, Class<T> type) {
        return parse(object, object.node(), "", type);
    }

    /**
     * A part of an object as a typed Kubernetes model: for Kubernetes structures embedded in other
     * objects, such as the HPA behaviour inside a KEDA ScaledObject.
     *
     * @param path the part's path in the object, dot-separated, which must exist
     */
    public static <T> Parsed<T> parsePart(ManifestObject object, String path, Class<T> type) {
        JsonNode part = object.node();
        for (String name : path.split("\\.")) {
            part = part.path(name);
        }
        if (part.isMissingNode()) {
            throw new IllegalArgumentException(object.label() + " has no " + path);
        }
        return parse(object, part, path + ".", type);
    }

    private static <T> Parsed<T> parse(ManifestObject object, JsonNode node, String prefix, Class<T> type) {
        try {
            return new Parsed<>(Optional.of(STRICT.readValue(node.toString(), type)), Optional.empty());
        } catch (UnrecognizedPropertyException e) {
            return new Parsed<>(Optional.empty(), Optional.of(object.label() + ": unknown field \""
                    + e.getPropertyName() + "\" at " + prefix + path(e) + " (not in "
                    + e.getReferringClass().getName() + ")"));
        } catch (JacksonException e) {
            return new Parsed<>(Optional.empty(), Optional.of(object.label() + ": invalid at " + prefix + path(e)
                    + ": " + e.getOriginalMessage()));
        }
    }

    /** The typed model of an object of a known kind (see {@link #isKnown}). */
    public static Parsed<? extends HasMetadata> parse(ManifestObject object) {
        Class<? extends HasMetadata> type = MODELS.get(object.apiVersion() + " " + object.kind());
        if (type == null) {
            throw new IllegalArgumentException("no typed model for " + object.apiVersion() + " " + object.kind());
        }
        return parse(object, type);
    }

    private static String path(JacksonException e) {
        String path = e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "the top" : path;
    }

    /** A typed object, or the problem that kept it from being one. */
    public record Parsed<T>(Optional<T> value, Optional<String> problem) {}
}
