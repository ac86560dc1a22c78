package dev.stylefleet.train.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of the code that wrote a checkpoint or export: the Maven project version, filled
 * into {@code code-version.properties} at build time (resource filtering in worker-train/pom.xml).
 */
public final class CodeVersion {
    private static final String RESOURCE = "code-version.properties";
    private static final String UNKNOWN = "unknown";

    private CodeVersion() {}

    public static String get() {
        try (InputStream in = CodeVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", UNKNOWN);
            // Unfiltered (an IDE build that skipped Maven's resource phase): say so rather than lie.
            return v.startsWith("${") ? UNKNOWN : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
