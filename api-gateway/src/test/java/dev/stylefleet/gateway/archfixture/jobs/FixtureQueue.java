package dev.stylefleet.gateway.archfixture.jobs;

/** Test-only: a fixture jobs class that keeps to the rules (depends on nothing above it). */
public class FixtureQueue {
    public int size() {
        return 0;
    }
}
