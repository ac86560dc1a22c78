package dev.stylefleet.infer;

import dev.stylefleet.infer.messaging.InferWorker;
import dev.stylefleet.runtime.WorkerHealth;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Live and ready while the consumer loop runs. A loop that died (an unexpected error) reports DOWN
 * with the cause, so the orchestrator restarts the process instead of leaving a silent worker.
 */
@Liveness
@Readiness
@ApplicationScoped
public class InferWorkerHealth implements HealthCheck {
    private final InferWorkerService service;

    public InferWorkerHealth(InferWorkerService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        InferWorker worker = service.worker();
        if (worker == null) {
            return HealthCheckResponse.down("infer-worker");
        }
        WorkerHealth health = worker.health();
        var builder = HealthCheckResponse.named("infer-worker").status(health.up()).withData("workerId",
                health.workerId());
        if (health.failure() != null) {
            builder.withData("failure", health.failure());
        }
        return builder.build();
    }
}
