package dev.stylefleet.gateway.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the job state has been read up to where Kafka stood at start-up (see {@link JobStore#caughtUp}). */
@Readiness
@ApplicationScoped
public class JobStoreReadiness implements HealthCheck {
    @Inject
    JobStore store;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("job-state")
                .status(store.caughtUp())
                .withData("jobs", store.size())
                .build();
    }
}
