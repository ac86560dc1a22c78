package dev.stylefleet.gateway.errors;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The id of one HTTP request, carried in {@code X-Request-Id} both ways and in every error body. A
 * client's own id is kept when it is a plain token (so that a proxy's id follows the request through
 * the logs); anything else is replaced, so that no client text is echoed unchecked.
 */
public final class RequestIds {
    /** The header the id travels in, on the request (set by the HTTP edge) and on the answer. */
    public static final String HEADER = "X-Request-Id";
    /** What a client-sent id may look like: the characters of UUIDs, ULIDs and trace ids. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** 96 random bits: unique enough to find one request in the logs. */
    private static final int RANDOM_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    /** The client's id if it is acceptable, else a fresh one. */
    public static String accept(String sent) {
        return sent != null && ACCEPTED.matcher(sent).matches() ? sent : fresh();
    }

    public static String fresh() {
        byte[] b = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
