package dev.stylefleet.gateway.auth;

import dev.stylefleet.gateway.errors.ErrorBody;
import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.RequestIds;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code Authorization: Bearer <key>} on every /v1 path; the key names the tenant. OpenAPI stays open
 * (it carries no tenant data); health and metrics are not on the API's port at all (the management
 * interface, docs/api.md "Operations").
 */
public class ApiKeyFilter {
    private static final String BEARER = "Bearer ";

    @Inject
    ApiKeys keys;

    @Inject
    CallerTenant caller;

    /**
     * Pre-matching, so that an unauthenticated request is answered 401 before anything about it is
     * judged (a wrong content type would otherwise answer 415 to a caller without a key).
     */
    @ServerRequestFilter(preMatching = true)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        // UriInfo paths are relative to the application root; some layers keep the leading slash.
        String path = request.getUriInfo().getPath();
        path = path.startsWith("/") ? path.substring(1) : path;
        if (!path.equals("v1") && !path.startsWith("v1/")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(refuse(request, "Authorization: send the header 'Authorization: Bearer <api key>'"));
        }
        Optional<String> tenant = keys.tenantOf(header.substring(BEARER.length()).trim());
        if (tenant.isEmpty()) {
            return Optional.of(refuse(request, "Authorization: the bearer key is not a known API key"));
        }
        caller.set(tenant.get());
        return Optional.empty();
    }

    private static Response refuse(ContainerRequestContext request, String message) {
        String requestId = RequestIds.accept(request.getHeaderString(RequestIds.HEADER));
        return Response.status(ErrorCode.UNAUTHENTICATED.status())
                .header(RequestIds.HEADER, requestId)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"stylefleet\"")
                .type(MediaType.APPLICATION_JSON)
                .entity(ErrorBody.of(ErrorCode.UNAUTHENTICATED, message, null, requestId))
                .build();
    }
}
