package dev.stylefleet.deploy.validate;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration the way Quarkus' DurationConverter does for {@code Duration} configuration values: a
 * bare number is seconds, a number with one of the units ms, s, m, h, d is that many units
 * (case-insensitive: {@code 30S}, {@code 500MS}), anything else is ISO-8601 ({@code PT30S}). Hand-written
 * because the converter lives in quarkus-core, which this module does not otherwise need.
 */
public final class QuarkusDurations {
    private static final Pattern NUMBER = Pattern.compile("^-?\\d+$");
    private static final Pattern WITH_UNIT = Pattern.compile("^(-?\\d+)(ms|s|m|h|d)$");

    private QuarkusDurations() {}

    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (NUMBER.matcher(v).matches()) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        Matcher m = WITH_UNIT.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
    }
}
