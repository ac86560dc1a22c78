package dev.stylefleet.deploy.validate;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How SmallRye Config (Quarkus' configuration) reads a property from an environment variable: the
 * property name with every character other than a letter or digit replaced by {@code _}, upper-cased
 * ({@code stylefleet.infer.shutdown-timeout} from {@code STYLEFLEET_INFER_SHUTDOWN_TIMEOUT}). Going back
 * from a variable to a key is ambiguous in general, so, as SmallRye does, a variable is matched against
 * the known keys: it sets the key whose environment form (or whose very name) it equals. A key with a {@code *} segment (a
 * map, such as {@code stylefleet.api-keys.*}) matches any non-empty name in that place.
 */
public final class EnvNames {
    private EnvNames() {}

    /** The environment variable that sets a property. */
    public static String of(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The known key a variable sets, if any. */
    public static Optional<String> keyOf(String variable, Collection<String> knownKeys) {
        for (String key : knownKeys) {
            if (matches(variable, key)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    static boolean matches(String variable, String key) {
        if (!key.contains("*")) {
            // SmallRye also reads a variable named exactly as the property (possible in Kubernetes).
            return of(key).equals(variable) || key.equals(variable);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : key.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(of(part)));
        }
        return variable.matches(regex.toString());
    }
}
