package dev.stylefleet.gateway.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a multipart Content-Type carries a boundary the body can be split by. Checked at the HTTP
 * edge because the REST layer's parser fails on a missing or empty boundary with an index error
 * (an INTERNAL answer) instead of refusing the request.
 */
final class MultipartBoundary {
    /** RFC 2046 bchars, 1 to 70, last one not a space; quoted or as a token. */
    private static final Pattern BOUNDARY = Pattern.compile(
            "(?i);\\s*boundary=(?:\"([0-9A-Za-z'()+_,./:=? -]{0,69}[0-9A-Za-z'()+_,./:=?-])\"|([0-9A-Za-z'+_.-]{1,70}))\\s*(?:;|$)");

    private MultipartBoundary() {}

    /** True for a non-multipart type (nothing to check) and for a multipart type with a usable boundary. */
    static boolean usable(String contentType) {
        if (!contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return true;
        }
        Matcher m = BOUNDARY.matcher(contentType);
        return m.find();
    }
}
