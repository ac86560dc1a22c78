package dev.stylefleet.cli;

import dev.stylefleet.infra.LocalStackConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./stylefleet up}: the whole system on this machine (Kafka, S3 server, gateway, one worker of
 * each kind), until Ctrl-C, which stops all of it. A service that dies meanwhile is restarted with
 * backoff ({@link ServiceSupervisor}, {@link RestartPolicy}), and each death and restart is printed.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the whole system locally (Kafka, S3 server, gateway on :8080, one worker of each kind).")
final class UpCommand implements Callable<Integer> {
    /** The key of the one local tenant: the gateway's default configuration maps it to tenant `local`. */
    static final String LOCAL_API_KEY = "local-dev-key";

    @Option(names = "--port", defaultValue = "8080", description = "Gateway HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--infer-port", defaultValue = "8081", description = "Inference worker health/metrics port (default: ${DEFAULT-VALUE}).")
    int inferPort;

    @Option(names = "--train-port", defaultValue = "8082", description = "Training worker health/metrics port (default: ${DEFAULT-VALUE}).")
    int trainPort;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--s3-port", defaultValue = "9000", description = "S3 server port (default: ${DEFAULT-VALUE}).")
    int s3Port;

    @Option(names = "--data-dir", defaultValue = ".stylefleet/data",
            description = "Where Kafka and S3 keep their data; kept between runs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--no-restart", description = "Leave a service that dies down instead of restarting it.")
    boolean noRestart;

    @Option(names = "--restart-delay", defaultValue = "1",
            description = "Seconds before the first restart of a service that died (default: ${DEFAULT-VALUE}).")
    double restartDelaySeconds;

    @Option(names = "--restart-multiplier", defaultValue = "2",
            description = "Growth of the wait per further death in a row (default: ${DEFAULT-VALUE}).")
    double restartMultiplier;

    @Option(names = "--restart-max-delay", defaultValue = "30",
            description = "Longest wait before a restart, seconds (default: ${DEFAULT-VALUE}).")
    double restartMaxDelaySeconds;

    @Option(names = "--restart-stable-after", defaultValue = "60",
            description = "A service that ran this many seconds before it died starts the waits again at "
                    + "--restart-delay (default: ${DEFAULT-VALUE}).")
    double restartStableAfterSeconds;

    /** The restart policy the options describe (their defaults are {@link RestartPolicy#defaults()}). */
    RestartPolicy restartPolicy() {
        return new RestartPolicy(!noRestart, seconds(restartDelaySeconds), restartMultiplier,
                seconds(restartMaxDelaySeconds), seconds(restartStableAfterSeconds));
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    @Override
    public Integer call() throws Exception {
        Path root = Launcher.repoRoot();
        Path data = root.resolve(dataDir);
        Instant t0 = Instant.now();
        LocalStackConfig stack = LocalStackConfig.defaults().withPorts(kafkaPort, s3Port).withDataDir(data);
        FleetConfig config = new FleetConfig(root, stack, port, inferPort, trainPort,
                root.resolve(".stylefleet/logs"), Map.of(), restartPolicy());
        System.out.println("Starting Kafka, the S3 server, the gateway and the workers...");
        // The supervisor's lines (a death, a restart, ready again), time-stamped, among the rest of up's output.
        Fleet fleet = Fleet.start(config, line -> System.out.println(
                "[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping stylefleet...");
            fleet.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "stylefleet-stop"));
        Duration took = Duration.between(t0, Instant.now());
        System.out.printf("""

                stylefleet is ready (%.1f s).
                  Web page & API  %s/            (OpenAPI: %s/q/swagger-ui)
                  API key         %s            (tenant "local"; send "Authorization: Bearer %s")
                  Kafka           %s
                  S3              %s  (access key %s, secret %s)
                  Logs            %s
                Try:
                  curl -H "Authorization: Bearer %s" -F image=@photo.png -F task=super-resolve -F model=bicubic-x4 %s/v1/jobs
                A service that dies is restarted (%s).
                Press Ctrl-C to stop everything.
                """, took.toMillis() / 1000.0, fleet.gatewayUrl(), fleet.gatewayUrl(), LOCAL_API_KEY,
                LOCAL_API_KEY, fleet.stack().kafkaBootstrapServers(), fleet.stack().s3Endpoint(),
                fleet.stack().s3AccessKey(), fleet.stack().s3SecretKey(), config.logDir(), LOCAL_API_KEY,
                fleet.gatewayUrl(), noRestart ? "no: --no-restart" : String.format(Locale.ROOT,
                        "after %.1f s, the wait ×%.1f per death in a row, at most %.1f s", restartDelaySeconds,
                        restartMultiplier, restartMaxDelaySeconds));
        stopped.await();
        return 0;
    }
}
