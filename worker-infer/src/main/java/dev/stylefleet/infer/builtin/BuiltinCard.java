package dev.stylefleet.infer.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stylefleet.schemas.Messages;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code card.json} of one built-in model: what the gallery shows and where the model comes from.
 * Style cards: {@code {id, name, painting, artist, provenance, licence}}; super-resolution cards add
 * {@code scale} (required there). {@code architecture} is optional in both. Unknown fields are ignored,
 * so a card may carry more than the registry needs.
 *
 * @param id           must equal the directory (and index) id
 * @param name         display name, required
 * @param scale        1 for styles; the factor for super-resolution
 */
public record BuiltinCard(String id, String name, String painting, String artist, String provenance, String licence,
        String architecture, int scale) {
    /** The largest scale the registry accepts (ModelManifest.schema.json). */
    static final int MAX_SCALE = 16;
    /** Longest value of a card field carried into the manifest's options. */
    static final int MAX_FIELD_CHARS = 1000;

    /** A style card for {@code expectedId}; throws IllegalArgumentException naming the defect. */
    public static BuiltinCard parseStyle(byte[] json, String expectedId, String where) {
        JsonNode root = object(json, where);
        BuiltinCard card = common(root, expectedId, where, 1);
        if (root.has("scale") && root.get("scale").asInt(-1) != 1) {
            throw new IllegalArgumentException(where + ": a style's \"scale\" is 1 when given, was " + root.get("scale"));
        }
        return card;
    }

    /** A super-resolution card for {@code expectedId}; its {@code scale} is required, 2 to 16. */
    public static BuiltinCard parseSuperResolution(byte[] json, String expectedId, String where) {
        JsonNode root = object(json, where);
        JsonNode s = root.get("scale");
        if (s == null || !s.canConvertToInt() || !s.isIntegralNumber() || s.asInt() < 2 || s.asInt() > MAX_SCALE) {
            throw new IllegalArgumentException(where + ": \"scale\" must be an integer from 2 to " + MAX_SCALE
                    + ", was " + s);
        }
        return common(root, expectedId, where, s.asInt());
    }

    /**
     * The card as {@link dev.stylefleet.schemas.ModelManifest#options()} entries: the fields that are
     * set, under their own names ({@code name}, {@code painting}, {@code artist}, {@code provenance},
     * {@code licence}).
     */
    public Map<String, String> options() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("name", name);
        putIf(o, "painting", painting);
        putIf(o, "artist", artist);
        putIf(o, "provenance", provenance);
        putIf(o, "licence", licence);
        return o;
    }

    private static void putIf(Map<String, String> o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    /** The JSON object in {@code json} ({@code where} names the file in messages); IllegalArgumentException otherwise. */
    static JsonNode object(byte[] json, String where) {
        JsonNode root;
        try {
            root = Messages.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(where + ": must be a JSON object");
        }
        return root;
    }

    private static BuiltinCard common(JsonNode root, String expectedId, String where, int scale) {
        String id = text(root, "id", where);
        if (id == null || !id.equals(expectedId)) {
            throw new IllegalArgumentException(where + ": \"id\" must be '" + expectedId + "' (its directory), was "
                    + root.get("id"));
        }
        String name = text(root, "name", where);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(where + ": \"name\" is required");
        }
        return new BuiltinCard(id, name.strip(), text(root, "painting", where), text(root, "artist", where),
                text(root, "provenance", where), text(root, "licence", where), text(root, "architecture", where),
                scale);
    }

    /** A string field, or null when absent; anything else (number, object, too long) is a defect. */
    private static String text(JsonNode root, String field, String where) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a string, was " + n);
        }
        if (n.asText().length() > MAX_FIELD_CHARS) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" is longer than " + MAX_FIELD_CHARS
                    + " characters");
        }
        return n.asText();
    }
}
