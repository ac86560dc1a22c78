package dev.stylefleet.gateway.auth;

import jakarta.enterprise.context.RequestScoped;

/**
 * The tenant the current request acts for, set by {@link ApiKeyFilter} from the API key. Resources
 * read it to stamp new jobs and to hide other tenants' jobs.
 */
@RequestScoped
public class CallerTenant {
    private String tenant;

    void set(String tenant) {
        this.tenant = tenant;
    }

    /** The authenticated tenant; only called on /v1 paths, which the filter never lets through without one. */
    public String get() {
        if (tenant == null) {
            throw new IllegalStateException("no authenticated tenant on this request");
        }
        return tenant;
    }
}
