package dev.stylefleet.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The build's check that the configuration tables in {@code docs/*.md} and the {@code @ConfigMapping}
 * interfaces agree: every key a mapping reads is in a table, every key in a table is read by a mapping,
 * and where a mapping has a {@code @WithDefault} the table's default column starts with that value.
 * Each service module calls {@link #assertAgree} from a test with its own mappings and its doc; the
 * docs must state what the code does.
 *
 * <p>Keys are derived as SmallRye Config derives them: method names in kebab-case (or {@code @WithName}),
 * nested interfaces as groups, {@code Optional<Group>} as the group, {@code Map<String, V>} as
 * {@code name.*} (the docs write {@code name.<tenant>}; anything in angle brackets reads as {@code *}).
 * A table is one whose header row is {@code | key | default | meaning |}; only its keys under the
 * mappings' prefixes are compared (a row such as {@code quarkus.http.port} documents a key of Quarkus
 * itself, which no stylefleet mapping declares).
 */
public final class ConfigDocs {
    private ConfigDocs() {}

    private static final Pattern HEADER = Pattern.compile("^\\|\\s*key\\s*\\|\\s*default\\s*\\|.*");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|.*");
    private static final Pattern LEADING_CODE = Pattern.compile("^\\s*`([^`]*)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]+>");

    /** Every key the mappings read, sorted, each with its {@code @WithDefault} or null. */
    public static Map<String, String> declaredKeys(Class<?>... mappings) {
        Map<String, String> keys = new TreeMap<>();
        for (Class<?> mapping : mappings) {
            ConfigMapping root = mapping.getAnnotation(ConfigMapping.class);
            if (root == null) {
                throw new IllegalArgumentException(mapping.getName() + " is not a @ConfigMapping");
            }
            walk(mapping, root.prefix(), keys);
        }
        return keys;
    }

    /** Every key in the {@code | key | default | meaning |} tables of the given markdown files. */
    public static Map<String, String> documentedKeys(Path... docs) {
        Map<String, String> keys = new TreeMap<>();
        for (Path doc : docs) {
            List<String> lines;
            try {
                lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            boolean inTable = false;
            for (String line : lines) {
                if (HEADER.matcher(line).matches()) {
                    inTable = true;
                    continue;
                }
                if (!line.startsWith("|")) {
                    inTable = false;
                    continue;
                }
                Matcher row = ROW.matcher(line);
                if (inTable && row.matches()) {
                    String name = PLACEHOLDER.matcher(row.group(1).trim()).replaceAll("*");
                    Matcher code = LEADING_CODE.matcher(row.group(2));
                    keys.put(name, code.find() ? code.group(1) : null);
                }
            }
        }
        return keys;
    }

    /**
     * Fails, listing every disagreement, unless the docs' tables hold exactly the mappings' keys and show
     * every {@code @WithDefault} as the first code span of the default column.
     */
    public static void assertAgree(List<Class<?>> mappings, List<Path> docs) {
        Map<String, String> declared = declaredKeys(mappings.toArray(Class<?>[]::new));
        List<String> prefixes = mappings.stream().map(m -> m.getAnnotation(ConfigMapping.class).prefix() + ".")
                .toList();
        Map<String, String> documented = new TreeMap<>(documentedKeys(docs.toArray(Path[]::new)));
        documented.keySet().removeIf(key -> prefixes.stream().noneMatch(key::startsWith));
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(declared.keySet())) {
            if (!documented.containsKey(key)) {
                problems.add("read by the code but in no table: " + key);
            }
        }
        for (String key : new TreeSet<>(documented.keySet())) {
            if (!declared.containsKey(key)) {
                problems.add("in a table but read by no mapping: " + key);
            }
        }
        declared.forEach((key, def) -> {
            if (def != null && documented.containsKey(key) && !def.equals(documented.get(key))) {
                problems.add("default of " + key + " is `" + def + "` in the code, "
                        + (documented.get(key) == null ? "not shown" : "`" + documented.get(key) + "`")
                        + " in the docs");
            }
        });
        if (!problems.isEmpty()) {
            throw new AssertionError("configuration docs " + docs + " and mappings "
                    + mappings.stream().map(Class::getSimpleName).toList() + " disagree:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static void walk(Class<?> group, String prefix, Map<String, String> keys) {
        Method[] methods = group.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = m.isAnnotationPresent(WithParentName.class) ? prefix
                    : prefix + "." + Optional.ofNullable(m.getAnnotation(WithName.class)).map(WithName::value)
                            .orElseGet(() -> kebab(m.getName()));
            WithDefault def = m.getAnnotation(WithDefault.class);
            property(m.getGenericReturnType(), name, def == null ? null : def.value(), keys);
        }
    }

    private static void property(Type type, String name, String defaultValue, Map<String, String> keys) {
        Class<?> raw = raw(type);
        if (raw == Optional.class) {
            property(typeArgument(type, 0), name, defaultValue, keys);
        } else if (raw == Map.class) {
            property(typeArgument(type, 1), name + ".*", defaultValue, keys);
        } else if (raw.isInterface() && isGroup(raw)) {
            walk(raw, name, keys);
        } else {
            keys.put(name, defaultValue);
        }
    }

    /** A nested configuration interface, as opposed to a value type such as List or CharSequence. */
    private static boolean isGroup(Class<?> type) {
        return !type.getName().startsWith("java.");
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return (Class<?>) type;
    }

    private static Type typeArgument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }

    /** SmallRye Config's default naming: {@code bootstrapServers} → {@code bootstrap-servers}. */
    static String kebab(String camel) {
        StringBuilder b = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
