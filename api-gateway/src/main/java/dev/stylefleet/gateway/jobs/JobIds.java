package dev.stylefleet.gateway.jobs;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * New job ids: 128 random bits as 32 lowercase hex digits. URL-safe, safe in object keys and shell
 * arguments (no leading dash), unguessable (a job id alone grants nothing, but it should not be
 * enumerable either), and within the schemas' {@code ^[A-Za-z0-9_-]{1,64}$}.
 */
public final class JobIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private JobIds() {}

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
