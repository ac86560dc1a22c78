package dev.stylefleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiFailureTest {
    @Test
    void refusalsAreUsageErrorsAndServerTroubleIsAServerError() {
        assertThat(ApiClient.failure(400, "{\"error\":{\"code\":\"UNKNOWN_MODEL\",\"message\":\"model: x\",\"field\":\"model\"}}")
                .exitCode()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(new ApiFailure(401, "UNAUTHENTICATED", "m", null).exitCode()).isEqualTo(StylefleetCli.EXIT_USAGE);
        assertThat(new ApiFailure(404, "JOB_NOT_FOUND", "m", null).exitCode()).isEqualTo(StylefleetCli.EXIT_USAGE);
        // A path the server does not know: this CLI and the server disagree.
        assertThat(new ApiFailure(404, "NOT_FOUND", "m", null).exitCode()).isEqualTo(StylefleetCli.EXIT_SERVER);
        assertThat(new ApiFailure(503, "NOT_READY", "m", null).exitCode()).isEqualTo(StylefleetCli.EXIT_SERVER);
        assertThat(ApiFailure.unreachable("http://x", new java.net.ConnectException("refused")).exitCode())
                .isEqualTo(StylefleetCli.EXIT_SERVER);
    }

    @Test
    void errorBodiesAreParsedAndBareStatusesNamed() {
        ApiFailure f = ApiClient.failure(400, "{\"error\":{\"code\":\"INVALID_FIELD\",\"message\":\"task: stylize or super-resolve\",\"field\":\"task\"}}");
        assertThat(f.code).isEqualTo("INVALID_FIELD");
        assertThat(f.field).isEqualTo("task");
        assertThat(f.getMessage()).isEqualTo("task: stylize or super-resolve");
        assertThat(f.toJson()).isEqualTo("{\"error\":{\"code\":\"INVALID_FIELD\",\"message\":\"task: stylize or super-resolve\","
                + "\"field\":\"task\",\"status\":400}}");
        assertThat(ApiClient.failure(413, "").code).isEqualTo("IMAGE_TOO_LARGE");
        assertThat(ApiClient.failure(502, "<html>bad gateway</html>").code).isEqualTo("HTTP_502");
    }
}
