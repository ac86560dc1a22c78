package dev.stylefleet.gateway.archfixture.api;

import dev.stylefleet.gateway.archfixture.jobs.FixtureJobs;

/** Test-only: the top layer of a fixture tree for {@code GatewayRulesProofTest}; uses the layer below, as allowed. */
public class FixtureResource {
    public String submit() {
        return new FixtureJobs().accept();
    }
}
