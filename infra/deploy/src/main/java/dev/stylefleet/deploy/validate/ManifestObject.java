package dev.stylefleet.deploy.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** One object of a rendered release, as the YAML document it was rendered to. */
public record ManifestObject(JsonNode node) {

    public String apiVersion() {
        return node.path("apiVersion").asText("");
    }

    public String kind() {
        return node.path("kind").asText("");
    }

    public String name() {
        return node.path("metadata").path("name").asText("");
    }

    /** "Kind name", the way every problem names the object it is about. */
    public String label() {
        return kind() + " " + name();
    }
}
