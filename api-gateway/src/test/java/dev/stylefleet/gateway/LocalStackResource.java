package dev.stylefleet.gateway;

import dev.stylefleet.infra.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the gateway under test at the JVM's shared local stack (real Kafka, real S3 server), with
 * two tenants' keys and an upload limit small enough to exceed cheaply but above the HTTP layer's
 * 10 MiB default, so that the derived body limit is exercised too.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {
    public static final String LOCAL_KEY = "local-dev-key";
    public static final String OTHER_KEY = "other-tenant-key";
    public static final String OTHER_TENANT = "other";
    public static final long MAX_UPLOAD_BYTES = 12L * 1024 * 1024;

    @Override
    public Map<String, String> start() {
        Map<String, String> p = new HashMap<>(LocalStack.shared().configProperties());
        p.put("quarkus.http.test-port", "0");
        p.put("stylefleet.api-keys." + LOCAL_KEY, "local");
        p.put("stylefleet.api-keys." + OTHER_KEY, OTHER_TENANT);
        p.put("stylefleet.limits.max-upload-bytes", Long.toString(MAX_UPLOAD_BYTES));
        return p;
    }

    @Override
    public void stop() {
        // The shared stack belongs to the JVM and stops with it (LocalStack's shutdown hook).
    }
}
