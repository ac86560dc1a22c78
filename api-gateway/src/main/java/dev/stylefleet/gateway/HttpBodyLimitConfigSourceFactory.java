package dev.stylefleet.gateway;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives {@code quarkus.http.limits.max-body-size} from {@code stylefleet.limits.max-upload-bytes}
 * plus {@code stylefleet.limits.multipart-overhead-bytes}, so that raising the upload limit is one
 * setting: the HTTP layer's own default (10 MiB) would otherwise refuse uploads the API allows, with
 * an empty 413 instead of IMAGE_TOO_LARGE. An explicit {@code quarkus.http.limits.max-body-size}
 * (application.properties, environment, -D) still wins: this source's ordinal is below all of them.
 * Registered in META-INF/services/io.smallrye.config.ConfigSourceFactory.
 */
public class HttpBodyLimitConfigSourceFactory implements ConfigSourceFactory {
    static final String MAX_BODY_SIZE = "quarkus.http.limits.max-body-size";
    /** Below application.properties (250), above built-in defaults. */
    static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        long upload = value(context, "stylefleet.limits.max-upload-bytes", GatewayConfig.Limits.DEFAULT_MAX_UPLOAD_BYTES);
        long overhead = value(context, "stylefleet.limits.multipart-overhead-bytes",
                GatewayConfig.Limits.DEFAULT_MULTIPART_OVERHEAD_BYTES);
        return List.of(new PropertiesConfigSource(Map.of(MAX_BODY_SIZE, Long.toString(upload + overhead)),
                "stylefleet-http-body-limit", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static long value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue v = context.getValue(name);
        String text = v == null || v.getValue() == null || v.getValue().isBlank() ? fallback : v.getValue().trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            // Left to the @ConfigMapping to report with the property name; keep the HTTP limit sane.
            return Long.parseLong(fallback);
        }
    }
}
