package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.GatewayConfig;
import jakarta.ws.rs.core.UriInfo;

/** The public root of the API, ending in a slash: {@code stylefleet.public-base-url}, or the request's own. */
final class BaseUrl {
    private BaseUrl() {}

    static String of(GatewayConfig config, UriInfo uri) {
        String base = config.publicBaseUrl().orElse(uri.getBaseUri().toString());
        return base.endsWith("/") ? base : base + "/";
    }
}
