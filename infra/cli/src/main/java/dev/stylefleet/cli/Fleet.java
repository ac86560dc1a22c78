package dev.stylefleet.cli;

import dev.stylefleet.infra.FreePorts;
import dev.stylefleet.infra.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The whole system on one machine: the embedded Kafka and S3 server in this JVM, the gateway and one
 * worker of each kind as child JVMs. Used by {@code ./stylefleet up} and by the end-to-end tests, so
 * that what the tests exercise is what a user runs. Tests and benchmarks can add more worker processes
 * ({@link #startWorker}) and stop them as an orchestrator would ({@link ServiceProcess#terminate},
 * {@link ServiceProcess#kill}). The fleet's own services are supervised ({@link ServiceSupervisor}): one
 * that exits without being asked to is started again per {@link FleetConfig#restart()}.
 */
public final class Fleet implements AutoCloseable {
    /** How long services get to report ready (first start unpacks native libraries). */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final FleetConfig config;
    private final LocalStack stack;
    private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);
    /** Workers started by {@link #startWorker}, running or not; {@link #close()} stops those still running. */
    private final List<ServiceProcess> extraWorkers = new ArrayList<>();
    /** Numbers the extra workers' names and worker ids: {@code <module>-1}, {@code <module>-2}, ... */
    private final AtomicInteger extraWorkerCount = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ServiceSupervisor supervisor;
    private boolean closed;
    /**
     * The gateway's management interface (health, metrics: not on its API port), picked once so that
     * a restarted gateway keeps it.
     */
    private final int gatewayManagementPort = FreePorts.pick();

    private Fleet(FleetConfig config, LocalStack stack, Consumer<String> supervisionLog) {
        this.config = config;
        this.stack = stack;
        this.supervisor = new ServiceSupervisor(config.restart(), supervisionLog, new ServiceSupervisor.Restarter() {
            @Override
            public Optional<ServiceProcess> restartIfCurrent(Service s, ServiceProcess dead) throws IOException {
                return Fleet.this.restartIfCurrent(s, dead);
            }

            @Override
            public void awaitReady(ServiceProcess p) throws InterruptedException {
                Fleet.this.awaitReady(p, readinessPort(p.service()));
            }
        });
    }

    /**
     * Starts everything and returns once every service is ready; on failure stops what it started. The
     * supervisor's lines (a service died, restarted, ready again) go to this class's logger.
     */
    public static Fleet start(FleetConfig config) throws IOException, InterruptedException {
        System.Logger log = System.getLogger(Fleet.class.getName());
        return start(config, line -> log.log(System.Logger.Level.WARNING, line));
    }

    /** Like {@link #start(FleetConfig)}, the supervisor's lines to {@code supervisionLog}. */
    public static Fleet start(FleetConfig config, Consumer<String> supervisionLog) throws IOException,
            InterruptedException {
        Fleet fleet = new Fleet(config, LocalStack.start(config.stack()), supervisionLog);
        try {
            for (Service s : Service.values()) {
                fleet.startService(s);
            }
            for (Service s : Service.values()) {
                fleet.awaitReady(s);
            }
            return fleet;
        } catch (IOException | InterruptedException | RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    public LocalStack stack() {
        return stack;
    }

    public String gatewayUrl() {
        return "http://localhost:" + config.gatewayPort();
    }

    /** Health ({@code /q/health/ready}) and metrics ({@code /q/metrics}) of the gateway. */
    public String gatewayManagementUrl() {
        return "http://localhost:" + gatewayManagementPort;
    }

    /** The current process of {@code s} (after a supervised restart, the new one). */
    public synchronized ServiceProcess process(Service s) {
        return processes.get(s);
    }

    /** Starts (or starts again, after a kill) one service and waits until it is ready. */
    public void restart(Service s) throws IOException, InterruptedException {
        restart(s, Map.of());
    }

    /** Like {@link #restart(Service)}, with configuration that overrides the fleet's for this start only. */
    public void restart(Service s, Map<String, String> overrides) throws IOException, InterruptedException {
        // Under the lock, so that a supervised restart of the same service (its process died just
        // before) sees the process replaced and does not start a second one.
        synchronized (this) {
            ServiceProcess old = processes.get(s);
            if (old != null) {
                old.stop();
            }
            startService(s, overrides);
        }
        awaitReady(s);
    }

    /** The supervisor's restart: only if {@code dead} is still the service's process and the fleet is open. */
    private synchronized Optional<ServiceProcess> restartIfCurrent(Service s, ServiceProcess dead) throws IOException {
        if (closed || processes.get(s) != dead) {
            return Optional.empty();
        }
        startService(s, Map.of());
        return Optional.of(processes.get(s));
    }

    /**
     * Starts one more worker process of {@code s} beside the fleet's own and waits until it is ready. It
     * gets its own HTTP port, its own log ({@code <module>-<n>.log}) and its own worker id
     * ({@code <module>-<n>}, written into its job events), unless {@code overrides} (applied last) set one.
     * The caller stops it ({@link ServiceProcess#terminate}, {@link ServiceProcess#kill}); {@link #close()}
     * stops whatever is still running.
     */
    public ServiceProcess startWorker(Service s, Map<String, String> overrides) throws IOException,
            InterruptedException {
        String name = s.module() + "-" + extraWorkerCount.incrementAndGet();
        int port = FreePorts.pick();
        Map<String, String> c = serviceConfig(s);
        c.put("quarkus.http.port", Integer.toString(port));
        c.put(workerIdKey(s), name);
        c.putAll(overrides);
        ServiceProcess p = ServiceProcess.start(s, name, config.repoRoot(), c, config.logDir());
        synchronized (this) {
            extraWorkers.add(p);
        }
        try {
            awaitReady(p, port);
        } catch (InterruptedException | RuntimeException e) {
            p.stop();
            throw e;
        }
        return p;
    }

    /** The configuration key of a worker's id in its job events. */
    static String workerIdKey(Service s) {
        return switch (s) {
            case INFER_WORKER -> "stylefleet.infer.worker-id";
            case TRAIN_WORKER -> "stylefleet.train.worker-id";
            case GATEWAY -> throw new IllegalArgumentException("the gateway is not a worker");
        };
    }

    private void startService(Service s) throws IOException {
        startService(s, Map.of());
    }

    private synchronized void startService(Service s, Map<String, String> overrides) throws IOException {
        Map<String, String> c = serviceConfig(s);
        if (s != Service.GATEWAY) {
            // Static group membership under a name that outlives the process: a worker the supervisor
            // restarts rejoins as the same member and gets its partitions back without a rebalance
            // (docs/reliability.md, "Crash stalls"). Extra workers stay dynamic members.
            c.put(groupInstanceIdKey(s), s.module());
        }
        c.putAll(overrides);
        ServiceProcess p = ServiceProcess.start(s, config.repoRoot(), c, config.logDir());
        processes.put(s, p);
        supervisor.watch(s, p);
    }

    /** The configuration key of a worker's static group membership ({@code group.instance.id}). */
    static String groupInstanceIdKey(Service s) {
        return switch (s) {
            case INFER_WORKER -> "stylefleet.infer.group-instance-id";
            case TRAIN_WORKER -> "stylefleet.train.group-instance-id";
            case GATEWAY -> throw new IllegalArgumentException("the gateway is not a worker");
        };
    }

    Map<String, String> serviceConfig(Service s) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("stylefleet.kafka.bootstrap-servers", stack.kafkaBootstrapServers());
        c.put("stylefleet.s3.endpoint", stack.s3Endpoint());
        c.put("stylefleet.s3.access-key", stack.s3AccessKey());
        c.put("stylefleet.s3.secret-key", stack.s3SecretKey());
        c.put("quarkus.http.port", Integer.toString(port(s)));
        c.put("quarkus.http.host", "127.0.0.1");
        if (s == Service.GATEWAY) {
            c.put("quarkus.management.port", Integer.toString(gatewayManagementPort));
            c.put("quarkus.management.host", "127.0.0.1");
        }
        // Every service gets the same stylefleet.* keys; each reads its own and ignores the others'.
        c.put("smallrye.config.mapping.validate-unknown", "false");
        c.putAll(config.extraConfig());
        return c;
    }

    int port(Service s) {
        return switch (s) {
            case GATEWAY -> config.gatewayPort();
            case INFER_WORKER -> config.inferPort();
            case TRAIN_WORKER -> config.trainPort();
        };
    }

    /** Where a service answers /q/health/ready: the gateway on its management interface, workers on their port. */
    private int readinessPort(Service s) {
        return s == Service.GATEWAY ? gatewayManagementPort : port(s);
    }

    /** Polls the service's readiness endpoint until it answers 200, the process dies, or time runs out. */
    private void awaitReady(Service s) throws InterruptedException {
        awaitReady(process(s), readinessPort(s));
    }

    private void awaitReady(ServiceProcess p, int port) throws InterruptedException {
        String name = p.name();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!p.alive()) {
                throw new IllegalStateException(name + " exited during start-up; its log "
                        + p.log() + " ends with:\n" + tail(p.log()));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the port is not open yet: poll again
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not ready after " + READY_TIMEOUT.toSeconds()
                + " s; its log " + p.log() + " ends with:\n" + tail(p.log()));
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops supervising, stops the services (gracefully, then forcibly), then the stack. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        supervisor.close();
        extraWorkers.forEach(ServiceProcess::stop);
        extraWorkers.clear();
        processes.values().forEach(ServiceProcess::stop);
        processes.clear();
        stack.close();
    }
}
