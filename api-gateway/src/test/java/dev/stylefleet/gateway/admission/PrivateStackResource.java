package dev.stylefleet.gateway.admission;

import dev.stylefleet.infra.LocalStack;
import dev.stylefleet.infra.LocalStackConfig;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.schemas.InferJobRequested;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A Kafka broker and S3 server of AdmissionIT's own: the queue it fills must hold only its jobs, while the
 * JVM's shared stack carries jobs other ITs left QUEUED (no worker runs in the gateway's tests). Tight
 * admission bounds: a super-resolve job is assumed to take {@link #SERVICE_SECONDS} and may wait at most
 * {@link #MAX_WAIT_SECONDS}, the queue counted afresh on every submission.
 */
public class PrivateStackResource implements QuarkusTestResourceLifecycleManager {
    static final String KEY = "admission-key";
    static final String TENANT = "admission";
    static final String SR_MODEL = "bicubic-x4";
    static final int SERVICE_SECONDS = 1;
    static final int MAX_WAIT_SECONDS = 2;

    private LocalStack stack;

    @Override
    public Map<String, String> start() {
        stack = LocalStack.start(LocalStackConfig.ephemeral());
        // The gateway never runs a model, so any bytes will do.
        new ModelRegistry(stack.objectStore()).publish(SR_MODEL, "1", InferJobRequested.TASK_SUPER_RESOLVE, 4, "bicubic",
                "placeholder model bytes".getBytes(StandardCharsets.UTF_8), null, null, Map.of());
        Map<String, String> p = new HashMap<>(stack.configProperties());
        p.put("quarkus.http.test-port", "0");
        p.put("stylefleet.api-keys." + KEY, TENANT);
        p.put("stylefleet.admission.refresh-interval", "0S");
        p.put("stylefleet.admission.initial-service-time.super-resolve", SERVICE_SECONDS + "S");
        p.put("stylefleet.admission.max-wait.super-resolve", MAX_WAIT_SECONDS + "S");
        return p;
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
    }
}
