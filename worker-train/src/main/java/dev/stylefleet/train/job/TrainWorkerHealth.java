package dev.stylefleet.train.job;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Live and ready while the consumer loop runs. A loop that died reports DOWN with the cause, so the
 * orchestrator restarts the process (its job, uncommitted, resumes from its checkpoint elsewhere).
 */
@Liveness
@Readiness
@ApplicationScoped
public class TrainWorkerHealth implements HealthCheck {
    private final TrainWorkerService service;

    public TrainWorkerHealth(TrainWorkerService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        TrainWorker worker = service.worker();
        boolean up = worker != null && worker.isRunning();
        var builder = HealthCheckResponse.named("train-worker").status(up);
        if (worker != null) {
            builder.withData("workerId", worker.workerId());
            String job = worker.currentJobId();
            if (job != null) {
                builder.withData("job", job);
            }
            if (worker.failure() != null) {
                builder.withData("failure", worker.failure().toString());
            }
        }
        return builder.build();
    }
}
