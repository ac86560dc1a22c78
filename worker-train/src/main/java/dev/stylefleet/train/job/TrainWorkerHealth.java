package dev.stylefleet.train.job;

import dev.stylefleet.runtime.WorkerHealth;
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
        if (worker == null) {
            return HealthCheckResponse.down("train-worker");
        }
        WorkerHealth health = worker.health();
        var builder = HealthCheckResponse.named("train-worker").status(health.up()).withData("workerId",
                health.workerId());
        if (!health.jobs().isEmpty()) {
            builder.withData("job", health.jobs().get(0));
        }
        if (health.failure() != null) {
            builder.withData("failure", health.failure());
        }
        return builder.build();
    }
}
