package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.callbacks.CallbackUrlPolicy;
import dev.stylefleet.gateway.jobs.Submission;
import java.util.Locale;

/**
 * Parsing of optional text fields (multipart or query): blank means absent (null), anything else must
 * be exactly in the documented syntax (nothing trimmed, no other spellings) and lie in range, or the
 * answer is 400 INVALID_FIELD naming the field and what is allowed. {@code POST /v1/jobs} is stricter
 * still and refuses an optional field sent empty ({@link #sentEmpty}).
 */
final class FormFields {
    /** An integer as docs/api.md writes them: ASCII digits, an optional minus, no '+', no spaces. */
    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("-?[0-9]{1,10}");
    /**
     * A decimal number as JSON writes one: digits, an optional fraction and exponent. Not what
     * {@code Double.parseDouble} takes besides (hex {@code 0x1p-2}, {@code NaN}, {@code Infinity}, a
     * trailing {@code d}/{@code f}, surrounding spaces and control characters).
     */
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,3})?");

    private FormFields() {}

    /** For POST /v1/jobs: an optional field sent with no value is refused, not taken for absent. */
    static void refuseEmpty(String field, String value, String allowed) {
        if (value != null && value.isEmpty()) {
            throw invalid(field, value, allowed + " (or leave the field out)");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static Integer integer(String field, String value, int min, int max) {
        if (blank(value)) {
            return null;
        }
        if (INTEGER.matcher(value).matches()) {
            long v = Long.parseLong(value);
            if (v >= min && v <= max) {
                return (int) v;
            }
        }
        throw invalid(field, value, "an integer from " + min + " to " + max);
    }

    static Double decimal(String field, String value, double min, double max) {
        if (blank(value)) {
            return null;
        }
        if (DECIMAL.matcher(value).matches()) {
            double v = Double.parseDouble(value);
            if (Double.isFinite(v) && v >= min && v <= max) {
                return v;
            }
        }
        throw invalid(field, value, "a decimal number (like 0.75) from " + min + " to " + max);
    }

    static Boolean bool(String field, String value) {
        if (blank(value)) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(field, value, "true or false");
        };
    }

    static String oneOf(String field, String value, java.util.List<String> allowed) {
        if (blank(value)) {
            return null;
        }
        if (!allowed.contains(value)) {
            throw invalid(field, value, "one of " + String.join(", ", allowed));
        }
        return value;
    }

    /** The callback of a submission: syntax, a signing secret for the tenant, and the address check. */
    static Submission.Callback callback(CallbackUrlPolicy policy, java.util.Map<String, String> secrets, String tenant,
            String url, String progress) {
        Boolean wantsProgress = bool("callbackProgress", progress);
        if (blank(url)) {
            if (Boolean.TRUE.equals(wantsProgress)) {
                throw new ApiException(ErrorCode.INVALID_FIELD, "callbackProgress",
                        "callbackProgress: needs a callbackUrl to send progress to");
            }
            return null;
        }
        String u = url.trim();
        if (u.length() > 2048) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "callbackUrl", "callbackUrl: at most 2048 characters");
        }
        String syntax = CallbackUrlPolicy.syntaxProblem(u);
        if (syntax != null) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "callbackUrl", "callbackUrl: " + syntax
                    + "; allowed: an absolute http or https URL");
        }
        if (!secrets.containsKey(tenant)) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "callbackUrl", "callbackUrl: no callback signing secret "
                    + "is configured for this tenant (stylefleet.callbacks.secrets." + tenant + "), so callbacks cannot be signed");
        }
        CallbackUrlPolicy.Verdict v = policy.check(u);
        if (!v.allowed()) {
            throw new ApiException(ErrorCode.CALLBACK_URL_FORBIDDEN, "callbackUrl", "callbackUrl: " + v.reason());
        }
        return new Submission.Callback(u, Boolean.TRUE.equals(wantsProgress));
    }

    static ApiException invalid(String field, String value, String allowed) {
        return new ApiException(ErrorCode.INVALID_FIELD, field, field + ": '" + abbreviate(value)
                + "' is not allowed; allowed: " + allowed);
    }

    static ApiException missing(String field, String allowed) {
        return new ApiException(ErrorCode.MISSING_FIELD, field, field + ": required field is missing; send " + allowed);
    }

    /**
     * Echo at most a short prefix of client input in messages, control characters written as
     * {@code \\uXXXX} so that a NUL or a line break in a value shows instead of vanishing.
     */
    static String abbreviate(String s) {
        String t = s.length() <= 64 ? s : s.substring(0, 64) + "...";
        StringBuilder out = new StringBuilder(t.length());
        for (char c : t.toCharArray()) {
            if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
