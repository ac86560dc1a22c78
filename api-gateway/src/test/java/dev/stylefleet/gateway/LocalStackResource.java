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
    public static final String LOCAL_CALLBACK_SECRET = "test-local-callback-secret";
    /**
     * CallbackIT's receiver, bound (not yet started) as soon as this class loads: holding the port from
     * the moment it is chosen means no outgoing connection can take it as its local port meanwhile.
     */
    public static final com.sun.net.httpserver.HttpServer CALLBACK_RECEIVER = bindReceiver();
    /** The one loopback port callbacks may go to in these tests (where CallbackIT's receiver listens). */
    public static final int CALLBACK_RECEIVER_PORT = CALLBACK_RECEIVER.getAddress().getPort();

    @Override
    public Map<String, String> start() {
        Map<String, String> p = new HashMap<>(LocalStack.shared().configProperties());
        p.put("quarkus.http.test-port", "0");
        // The management interface (health, metrics) on a free port of its own; tests read it back
        // through ManagementPort.
        p.put("quarkus.management.test-port", Integer.toString(dev.stylefleet.infra.FreePorts.pick()));
        p.put("stylefleet.api-keys." + LOCAL_KEY, "local");
        p.put("stylefleet.api-keys." + OTHER_KEY, OTHER_TENANT);
        p.put("stylefleet.limits.max-upload-bytes", Long.toString(MAX_UPLOAD_BYTES));
        p.put("stylefleet.callbacks.secrets.local", LOCAL_CALLBACK_SECRET);
        p.put("stylefleet.callbacks.secrets." + OTHER_TENANT, "test-other-callback-secret");
        p.put("stylefleet.callbacks.allow-list", "127.0.0.1:" + CALLBACK_RECEIVER_PORT);
        // Quick retries, so that a test sees three attempts in well under a second or two.
        p.put("stylefleet.callbacks.initial-backoff", "200MS");
        p.put("stylefleet.callbacks.max-backoff", "1S");
        p.put("stylefleet.callbacks.deadline", "60S");
        return p;
    }

    private static com.sun.net.httpserver.HttpServer bindReceiver() {
        try {
            return com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The shared stack belongs to the JVM and stops with it (LocalStack's shutdown hook).
    }
}
