package dev.stylefleet.deploy.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Splits a multi-document YAML text (what {@code helm template} prints) into its objects. */
public final class ManifestDocuments {
    private static final YAMLMapper YAML = new YAMLMapper();

    private ManifestDocuments() {}

    /** Every non-empty document, in order; a document that is not a mapping is refused. */
    public static List<ManifestObject> parse(String yaml) {
        List<ManifestObject> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new IllegalArgumentException("a manifest document is not a mapping: " + doc);
                }
                objects.add(new ManifestObject(doc));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the manifests are not valid YAML", e);
        }
        return objects;
    }

    /** The objects back as one multi-document YAML text. */
    public static String write(List<ManifestObject> objects) {
        StringBuilder out = new StringBuilder();
        for (ManifestObject o : objects) {
            try {
                out.append(YAML.writeValueAsString(o.node()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }
}
