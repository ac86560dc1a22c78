package dev.stylefleet.gateway.archfixture.jobs;

import dev.stylefleet.gateway.archfixture.api.FixtureResource;

/**
 * Test-only: the violation {@code GatewayRulesProofTest} expects the rules to catch. A jobs class that
 * reaches up into api: a backwards dependency, and with {@link FixtureResource} using this class, a
 * package cycle.
 */
public class FixtureJobs {
    public String accept() {
        return "accepted";
    }

    public String backwards() {
        return new FixtureResource().submit();
    }
}
