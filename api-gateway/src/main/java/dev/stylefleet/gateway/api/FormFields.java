package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.callbacks.CallbackUrlPolicy;
import dev.stylefleet.gateway.jobs.Submission;
import java.util.Locale;

/**
 * Parsing of optional text fields (multipart or query): blank means absent (null), anything else must
 * parse and lie in range, or the answer is 400 INVALID_FIELD naming the field and what is allowed.
 */
final class FormFields {
    private FormFields() {}

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static Integer integer(String field, String value, int min, int max) {
        if (blank(value)) {
            return null;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(field, value, "an integer from " + min + " to " + max);
    }

    static Double decimal(String field, String value, double min, double max) {
        if (blank(value)) {
            return null;
        }
        try {
            double v = Double.parseDouble(value.trim());
            if (Double.isFinite(v) && v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(field, value, "a number from " + min + " to " + max);
    }

    static Boolean bool(String field, String value) {
        if (blank(value)) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw invalid(field, value, "true or false");
        };
    }

    static String oneOf(String field, String value, java.util.List<String> allowed) {
        if (blank(value)) {
            return null;
        }
        String v = value.trim();
        if (!allowed.contains(v)) {
            throw invalid(field, value, "one of " + String.join(", ", allowed));
        }
        return v;
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

    /** Echo at most a short prefix of client input in messages. */
    static String abbreviate(String s) {
        String t = s.trim();
        return t.length() <= 64 ? t : t.substring(0, 64) + "...";
    }
}
