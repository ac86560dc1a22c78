package dev.stylefleet.cli;

import picocli.CommandLine.Option;

/**
 * Where the API is and how to talk to it; shared by every command that calls the gateway. Defaults come
 * from the environment so that scripts set them once.
 */
final class ApiOptions {
    static final String DEFAULT_SERVER = "http://localhost:8080";
    static final String DEFAULT_KEY = "local-dev-key";

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:STYLEFLEET_SERVER:-" + DEFAULT_SERVER + "}",
            description = "Gateway base URL (env STYLEFLEET_SERVER; default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:STYLEFLEET_API_KEY:-" + DEFAULT_KEY + "}",
            description = "API key sent as 'Authorization: Bearer KEY' (env STYLEFLEET_API_KEY; default: the local key).")
    String apiKey;

    @Option(names = "--json", description = "Print JSON on stdout (the API's own shapes) and no progress bars.")
    boolean json;

    ApiClient client() {
        return new ApiClient(server, apiKey);
    }
}
