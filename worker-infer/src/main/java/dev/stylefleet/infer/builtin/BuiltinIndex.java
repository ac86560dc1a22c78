package dev.stylefleet.infer.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code index.json} of one family of built-in models ({@code styles/} or {@code sr/} under the
 * {@link BuiltinAssets} root): the ids to publish, in gallery order, and optionally the licence notice
 * that covers them. An index instead of a class-path scan, because a jar cannot be listed portably.
 *
 * <pre>{"ids": ["la-muse", "wave"], "notice": "NOTICE-fast-style-transfer.txt"}</pre>
 *
 * @param ids    model ids, each matching the registry's id pattern, no duplicates
 * @param notice file name of the notice at the root, or null
 */
public record BuiltinIndex(List<String> ids, String notice) {
    /** The registry's model-id pattern (ModelManifest.schema.json); also keeps paths inside the root. */
    public static final Pattern MODEL_ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    /** A notice is a plain file name at the root. */
    static final Pattern NOTICE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");

    public static final BuiltinIndex EMPTY = new BuiltinIndex(List.of(), null);

    public BuiltinIndex {
        ids = List.copyOf(ids);
    }

    /** Parses an index; {@code where} names the file in messages. Throws IllegalArgumentException on any defect. */
    public static BuiltinIndex parse(byte[] json, String where) {
        JsonNode root = BuiltinCard.object(json, where);
        JsonNode idsNode = root.get("ids");
        if (idsNode == null || !idsNode.isArray()) {
            throw new IllegalArgumentException(where + ": \"ids\" must be an array of model ids");
        }
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode n : idsNode) {
            if (!n.isTextual() || !MODEL_ID.matcher(n.asText()).matches()) {
                throw new IllegalArgumentException(where + ": id " + n + " must match " + MODEL_ID.pattern());
            }
            if (!seen.add(n.asText())) {
                throw new IllegalArgumentException(where + ": id '" + n.asText() + "' is listed twice");
            }
            ids.add(n.asText());
        }
        String notice = null;
        JsonNode noticeNode = root.get("notice");
        if (noticeNode != null && !noticeNode.isNull()) {
            if (!noticeNode.isTextual() || !NOTICE.matcher(noticeNode.asText()).matches()) {
                throw new IllegalArgumentException(where + ": \"notice\" must be a file name at the root, was " + noticeNode);
            }
            notice = noticeNode.asText();
        }
        return new BuiltinIndex(ids, notice);
    }
}
