package dev.stylefleet.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * JSON encoding of one message type, validated against its JSON Schema on both sides: a producer
 * cannot send what a consumer would reject, and a consumer never trusts what it receives.
 */
public final class MessageCodec<T> {
    private final Class<T> type;
    private final String name;
    private final JsonSchema schema;

    MessageCodec(Class<T> type, String name) {
        this.type = type;
        this.name = name;
        String resource = "/schemas/" + name + ".schema.json";
        try (InputStream in = MessageCodec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + resource);
            }
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Serialises and validates; throws {@link InvalidMessageException} rather than send a bad message. */
    public byte[] encode(T message) {
        // Validated as the bytes that will be sent, read back: a tree made directly from the object would
        // hold binary nodes for byte[] fields (inline images), which the schema's string rules cannot read.
        try {
            byte[] bytes = Messages.JSON.writeValueAsBytes(message);
            check(Messages.JSON.readTree(bytes));
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and validates; throws {@link InvalidMessageException} with the reason. */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            throw new InvalidMessageException(name + ": null payload");
        }
        JsonNode tree;
        try {
            tree = Messages.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidMessageException(name + ": not JSON: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidMessageException(name + ": empty payload");
        }
        check(tree);
        try {
            return Messages.JSON.treeToValue(tree, type);
        } catch (IOException e) {
            throw new InvalidMessageException(name + ": " + e.getMessage(), e);
        }
    }

    private void check(JsonNode tree) {
        Set<ValidationMessage> errors = schema.validate(tree);
        if (!errors.isEmpty()) {
            throw new InvalidMessageException(name + " violates its schema: "
                    + errors.stream().map(ValidationMessage::getMessage).sorted()
                            .collect(Collectors.joining("; ")));
        }
    }
}
