package dev.stylefleet.gateway;

import static org.awaitility.Awaitility.await;

import dev.stylefleet.infra.LocalStack;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged gateway ({@code target/quarkus-app/quarkus-run.jar}, built by the package phase before
 * the ITs run) as a child process against the shared local stack: what restarts and replica tests need,
 * since a gateway in the test JVM cannot be killed and started again.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final Path RUNNER = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Duration START_PATIENCE = Duration.ofSeconds(90);

    private final int port;
    private final int managementPort;
    private final Process process;

    private GatewayProcess(int port, int managementPort, Process process) {
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
    }

    /** Starts a gateway in the consumer group {@code groupId} and waits until it is ready. */
    public static GatewayProcess start(String groupId, String logName) throws IOException {
        return start(groupId, logName, Map.of());
    }

    /** The same, with more (or overriding) configuration properties. */
    public static GatewayProcess start(String groupId, String logName, Map<String, String> config) throws IOException {
        if (!Files.exists(RUNNER)) {
            throw new IllegalStateException(RUNNER.toAbsolutePath() + " is missing; run the package phase first");
        }
        int port = dev.stylefleet.infra.FreePorts.pick();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1"));
        Map<String, String> props = new java.util.HashMap<>(LocalStack.shared().configProperties());
        props.put("quarkus.http.port", Integer.toString(port));
        int managementPort = dev.stylefleet.infra.FreePorts.pick();
        props.put("quarkus.management.port", Integer.toString(managementPort));
        props.put("stylefleet.gateway.group-id", groupId);
        props.putAll(config);
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(RUNNER.toString());
        File log = Path.of("target", logName + ".log").toFile();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .start();
        GatewayProcess g = new GatewayProcess(port, managementPort, p);
        // The child must not outlive the test JVM, whatever happens to the test.
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        try {
            await().atMost(START_PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!p.isAlive()) {
                    throw new AssertionError("gateway exited with " + p.exitValue() + "; see " + log);
                }
                try {
                    return RestAssured.given().baseUri("http://127.0.0.1").port(managementPort).get("/q/health/ready").statusCode() == 200;
                } catch (Exception notListeningYet) {
                    return false;
                }
            });
        } catch (RuntimeException | Error e) {
            g.kill();
            throw e;
        }
        return g;
    }

    /** The management interface (health, metrics), which the API's port does not serve. */
    public RequestSpecification management() {
        return RestAssured.given().baseUri("http://127.0.0.1").port(managementPort);
    }

    public RequestSpecification as(String apiKey) {
        return RestAssured.given().baseUri("http://127.0.0.1").port(port).header("Authorization", "Bearer " + apiKey);
    }

    /** Kills the process at once (SIGKILL): nothing is flushed or committed on the way out. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }

}
