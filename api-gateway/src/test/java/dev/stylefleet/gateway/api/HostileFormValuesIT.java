package dev.stylefleet.gateway.api;

import static dev.stylefleet.gateway.api.GatewayFixtures.SR_MODEL;
import static dev.stylefleet.gateway.api.GatewayFixtures.STYLE_MODEL;
import static dev.stylefleet.gateway.api.GatewayFixtures.upload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.gateway.LocalStackResource;
import dev.stylefleet.gateway.TestImages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile form values of POST /v1/jobs, each with the answer docs/api.md promises: values are
 * taken exactly as sent (nothing trimmed, no other spellings of booleans, numbers or formats), an
 * optional field sent empty is refused, and a long value is a field error, not a bare 413. Part of
 * issue 15's hostile-input set; each row is one input with its expected status and code.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class HostileFormValuesIT {
    private static final String KEY = LocalStackResource.LOCAL_KEY;
    private static final String TEN_KB = "a".repeat(10 * 1024);

    @BeforeAll
    static void models() {
        GatewayFixtures.registerModels();
    }

    /** field, value, expected status, expected code (the field is named in every 400 below). */
    static Stream<Arguments> values() {
        return Stream.of(
                // format: exactly png, jpeg or webp
                row("format", "PNG", 400, "INVALID_FIELD"),
                row("format", "", 400, "INVALID_FIELD"),
                row("format", " png", 400, "INVALID_FIELD"),
                row("format", "png\u0000", 400, "INVALID_FIELD"),
                row("format", "jpg", 400, "INVALID_FIELD"),
                row("format", "gif", 400, "INVALID_FIELD"),
                row("format", TEN_KB, 400, "INVALID_FIELD"),
                row("format", "webp", 202, null),
                // booleans: exactly true or false
                row("preserveColor", "yes", 400, "INVALID_FIELD"),
                row("preserveColor", "1", 400, "INVALID_FIELD"),
                row("preserveColor", "on", 400, "INVALID_FIELD"),
                row("preserveColor", "TRUE", 400, "INVALID_FIELD"),
                row("preserveColor", "", 400, "INVALID_FIELD"),
                row("preserveColor", "true ", 400, "INVALID_FIELD"),
                row("histogramMatch", "no", 400, "INVALID_FIELD"),
                row("histogramMatch", "0", 400, "INVALID_FIELD"),
                row("callbackProgress", "yes", 400, "INVALID_FIELD"),
                row("preserveColor", "false", 202, null),
                // strength: a decimal number 0..1
                row("strength", "0x1p-2", 400, "INVALID_FIELD"),
                row("strength", "NaN", 400, "INVALID_FIELD"),
                row("strength", "Infinity", 400, "INVALID_FIELD"),
                row("strength", "0.5d", 400, "INVALID_FIELD"),
                row("strength", "0.5f", 400, "INVALID_FIELD"),
                row("strength", " 0.5", 400, "INVALID_FIELD"),
                row("strength", "+0.5", 400, "INVALID_FIELD"),
                row("strength", "1.0000001", 400, "INVALID_FIELD"),
                row("strength", "-0.1", 400, "INVALID_FIELD"),
                row("strength", "", 400, "INVALID_FIELD"),
                row("strength", "0,5", 400, "INVALID_FIELD"),
                row("strength", "0.75", 202, null),
                row("strength", "5e-1", 202, null),
                // integers: ASCII digits in range
                row("maxSide", "+64", 400, "INVALID_FIELD"),
                row("maxSide", "\u0661\u0662", 400, "INVALID_FIELD"),
                row("maxSide", "64.0", 400, "INVALID_FIELD"),
                row("maxSide", "0", 400, "INVALID_FIELD"),
                row("maxSide", "65536", 400, "INVALID_FIELD"),
                row("maxSide", "99999999999", 400, "INVALID_FIELD"),
                row("maxSide", "", 400, "INVALID_FIELD"),
                row("quality", "101", 400, "INVALID_FIELD"),
                row("quality", "0x10", 400, "INVALID_FIELD"),
                row("maxSide", "64", 202, null),
                // model: the id exactly; a NUL, a space or a long value is not trimmed away
                row("model", SR_MODEL + "\u0000", 400, "INVALID_FIELD"),
                row("model", " " + SR_MODEL, 400, "INVALID_FIELD"),
                row("model", SR_MODEL + "\n", 400, "INVALID_FIELD"),
                row("model", "BICUBIC-X4", 400, "INVALID_FIELD"),
                row("model", TEN_KB, 400, "INVALID_FIELD"),
                row("model", "../" + SR_MODEL, 400, "INVALID_FIELD"),
                // task exactly
                row("task", "Super-Resolve", 400, "INVALID_FIELD"),
                row("task", "super-resolve\u0000", 400, "INVALID_FIELD"),
                // precision: exactly fp32, int8 or auto; int8 only for a model with an int8 variant (bicubic has none)
                row("precision", "INT8", 400, "INVALID_FIELD"),
                row("precision", "", 400, "INVALID_FIELD"),
                row("precision", "fp16", 400, "INVALID_FIELD"),
                row("precision", "int8 ", 400, "INVALID_FIELD"),
                row("precision", "int8", 400, "INVALID_FIELD"),
                row("precision", "fp32", 202, null),
                row("precision", "auto", 202, null),
                // callbackUrl: a 10 kB value is a field error
                row("callbackUrl", "https://example.com/" + TEN_KB, 400, "INVALID_FIELD"));
    }

    private static Arguments row(String field, String value, int status, String code) {
        return Arguments.of(field, value, status, code);
    }

    @ParameterizedTest(name = "{0}={1} -> {2} {3}")
    @MethodSource("values")
    void eachHostileValueHasItsDocumentedAnswer(String field, String value, int status, String code) {
        RequestSpecification r = upload(KEY, "photo.png", TestImages.png(32, 24), "image/png");
        boolean style = field.equals("preserveColor") || field.equals("strength");
        if (!field.equals("task")) {
            r.multiPart("task", style ? "stylize" : "super-resolve");
        }
        if (!field.equals("model")) {
            r.multiPart("model", style ? STYLE_MODEL : SR_MODEL);
        }
        r.multiPart(field, value);
        Response answer = r.post("/v1/jobs");
        String what = field + "=" + value.substring(0, Math.min(40, value.length())) + " -> " + answer.asString();
        assertThat(answer.statusCode()).as(what).isEqualTo(status);
        if (code != null) {
            assertThat(answer.contentType()).as(what).startsWith("application/json");
            assertThat(answer.jsonPath().getString("error.code")).as(what).isEqualTo(code);
            assertThat(answer.jsonPath().getString("error.field")).as(what).isEqualTo(field);
            assertThat(answer.jsonPath().getString("error.requestId")).as(what).isNotBlank();
        }
    }
}
