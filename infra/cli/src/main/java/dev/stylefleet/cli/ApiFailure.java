package dev.stylefleet.cli;

/**
 * A call to the API that did not work, with the exit code it means: the server refused what was sent
 * (4xx: fix the command, {@link StylefleetCli#EXIT_USAGE}) or the server could not be reached or broke
 * (5xx, no answer: {@link StylefleetCli#EXIT_SERVER}).
 */
final class ApiFailure extends RuntimeException {
    final int status;
    final String code;
    final String field;

    ApiFailure(int status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static ApiFailure unreachable(String server, Exception cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ApiFailure(0, "UNREACHABLE", "cannot reach the server at " + server + " (" + why
                + "); is it running (./stylefleet up)? Use --server or STYLEFLEET_SERVER for another one", null);
    }

    int exitCode() {
        // A path the server does not know means this CLI and the server disagree: not the user's fault.
        boolean refused = status >= 400 && status < 500 && !"NOT_FOUND".equals(code) && status != 405;
        return refused ? StylefleetCli.EXIT_USAGE : StylefleetCli.EXIT_SERVER;
    }

    /** {"error":{"code","message","field"}}, the API's error shape, for --json. */
    String toJson() {
        var node = ApiClient.JSON.createObjectNode();
        var error = node.putObject("error");
        error.put("code", code);
        error.put("message", getMessage());
        if (field != null) {
            error.put("field", field);
        }
        if (status > 0) {
            error.put("status", status);
        }
        return node.toString();
    }
}
