package dev.stylefleet.schemas;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.impl.PropertySortUtils;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the message JSON Schemas ({@code src/main/resources/schemas/}) from the records: the records are
 * the one source, their {@link SchemaRule}s, {@code @JsonProperty(required = true)} and
 * {@code @JsonPropertyDescription} the constraints. {@link MessageCodec} validates with the written files;
 * {@code SchemasInSyncTest} fails the build when they are not what this generates. Run after changing a
 * message record:
 *
 * <pre>./mvnw -q -pl schemas test-compile exec:java</pre>
 *
 * (schemas/pom.xml points exec:java here, with the schema directory as the argument).
 *
 * <p>Conventions on top of victools' generator: every schema is self-contained (nested records inline,
 * no {@code $defs}); every record refuses undeclared properties; properties keep the records' order;
 * instants are {@code date-time} strings; {@code byte[]} is base64 text, as Jackson writes it; a
 * {@code schemaVersion} component is the constant {@link Messages#SCHEMA_VERSION}; nulls are never
 * written ({@link Messages#JSON}), so an optional field is one that may be absent, not null.
 */
public final class SchemaGenerator {
    /** Every message type and the name of its schema file ({@code NAME.schema.json}). */
    public static final Map<String, Class<?>> MESSAGES = messages();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final com.github.victools.jsonschema.generator.SchemaGenerator generator;

    public SchemaGenerator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(JSON, SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                .with(Option.INLINE_ALL_SCHEMAS, Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                        Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES, Option.STANDARD_FORMATS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forTypesInGeneral()
                .withPropertySorter(PropertySortUtils.SORT_PROPERTIES_FIELDS_BEFORE_METHODS)
                .withCustomDefinitionProvider((type, context) -> type.getErasedType() == byte[].class
                        ? new CustomDefinition(context.getGeneratorConfig().createObjectNode()
                                .put("type", "string").put("contentEncoding", "base64"))
                        : null)
                .withTypeAttributeOverride((node, scope, context) -> {
                    SchemaRule rule = scope.getType().getErasedType().getAnnotation(SchemaRule.class);
                    if (rule != null && !rule.json().isEmpty()) {
                        merge(node, parse(rule.json()));
                    }
                });
        config.forFields().withInstanceAttributeOverride(SchemaGenerator::applyRule);
        this.generator = new com.github.victools.jsonschema.generator.SchemaGenerator(config.build());
    }

    /** The schema of one message type, with its {@code $schema}, {@code $id} and {@code title}. */
    public ObjectNode generate(String name, Class<?> type) {
        ObjectNode body = generator.generateSchema(type);
        ObjectNode schema = JSON.createObjectNode()
                .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("$id", "https://stylefleet.dev/schemas/" + name + ".schema.json")
                .put("title", name);
        schema.setAll(body);
        return schema;
    }

    /** The schema file's text: two-space indentation, one trailing newline. */
    public String render(ObjectNode schema) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(schema) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every message schema into {@code args[0]} (the module's {@code src/main/resources/schemas}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/main/resources/schemas");
        SchemaGenerator g = new SchemaGenerator();
        for (Map.Entry<String, Class<?>> m : MESSAGES.entrySet()) {
            Path file = dir.resolve(m.getKey() + ".schema.json");
            Files.writeString(file, g.render(g.generate(m.getKey(), m.getValue())), StandardCharsets.UTF_8);
            System.out.println("wrote " + file);
        }
    }

    private static void applyRule(ObjectNode node, FieldScope field, SchemaGenerationContext context) {
        if (field.isFakeContainerItemScope()) {
            return; // the rule is about the field (a map, say), not about each of its values
        }
        if (field.getName().equals("schemaVersion")) {
            node.put("const", Messages.SCHEMA_VERSION);
            return;
        }
        SchemaRule rule = field.getAnnotationConsideringFieldAndGetter(SchemaRule.class);
        if (rule == null) {
            return;
        }
        boolean numeric = Number.class.isAssignableFrom(field.getType().getErasedType())
                || field.getType().getErasedType().isPrimitive();
        if (!rule.pattern().isEmpty()) {
            node.put("pattern", rule.pattern());
        }
        if (rule.values().length > 0) {
            ArrayNode values = node.putArray("enum");
            for (String v : rule.values()) {
                if (numeric) {
                    values.add(Long.parseLong(v));
                } else {
                    values.add(v);
                }
            }
        }
        number(node, "minimum", rule.minimum());
        number(node, "exclusiveMinimum", rule.exclusiveMinimum());
        number(node, "maximum", rule.maximum());
        if (rule.minLength() >= 0) {
            node.put("minLength", rule.minLength());
        }
        if (rule.maxLength() >= 0) {
            node.put("maxLength", rule.maxLength());
        }
        if (!rule.json().isEmpty()) {
            merge(node, parse(rule.json()));
        }
    }

    private static void number(ObjectNode node, String keyword, double value) {
        if (Double.isNaN(value)) {
            return;
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(keyword, (long) value);
        } else {
            node.put(keyword, value);
        }
    }

    /** Deep merge: objects merge key by key, anything else in {@code extra} replaces. */
    private static void merge(ObjectNode into, ObjectNode extra) {
        Iterator<Map.Entry<String, JsonNode>> fields = extra.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode existing = into.get(f.getKey());
            if (existing instanceof ObjectNode o && f.getValue() instanceof ObjectNode e) {
                merge(o, e);
            } else {
                into.set(f.getKey(), f.getValue());
            }
        }
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object in a @SchemaRule: " + json, e);
        }
    }

    private static Map<String, Class<?>> messages() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("CancelRequested", CancelRequested.class);
        m.put("DeadLetter", DeadLetter.class);
        m.put("InferJobRequested", InferJobRequested.class);
        m.put("JobEvent", JobEvent.class);
        m.put("JobRecord", JobRecord.class);
        m.put("ModelManifest", ModelManifest.class);
        m.put("TrainJobRequested", TrainJobRequested.class);
        return m;
    }
}
