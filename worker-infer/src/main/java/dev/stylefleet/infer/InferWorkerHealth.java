package dev.stylefleet.infer;

import dev.stylefleet.infer.messaging.InferWorker;

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
        boolean up = worker != null && worker.isRunning();
        var builder = HealthCheckResponse.named("infer-worker").status(up);
        if (worker != null) {
            builder.withData("workerId", worker.workerId());
            if (worker.failure() != null) {
                builder.withData("failure", worker.failure().toString());
            }
        }
        return builder.build();
    }
}
