package dev.stylefleet.cli;

import dev.stylefleet.infra.LocalStackConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./stylefleet up}: the whole system on this machine (Kafka, S3 server, gateway, one worker of
 * each kind), until Ctrl-C, which stops all of it.
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

    @Override
    public Integer call() throws Exception {
        Path root = Launcher.repoRoot();
        Path data = root.resolve(dataDir);
        Instant t0 = Instant.now();
        LocalStackConfig stack = LocalStackConfig.defaults().withPorts(kafkaPort, s3Port).withDataDir(data);
        FleetConfig config = new FleetConfig(root, stack, port, inferPort, trainPort,
                root.resolve(".stylefleet/logs"), Map.of());
        System.out.println("Starting Kafka, the S3 server, the gateway and the workers...");
        Fleet fleet = Fleet.start(config);
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
                Press Ctrl-C to stop everything.
                """, took.toMillis() / 1000.0, fleet.gatewayUrl(), fleet.gatewayUrl(), LOCAL_API_KEY,
                LOCAL_API_KEY, fleet.stack().kafkaBootstrapServers(), fleet.stack().s3Endpoint(),
                fleet.stack().s3AccessKey(), fleet.stack().s3SecretKey(), config.logDir(), LOCAL_API_KEY,
                fleet.gatewayUrl());
        stopped.await();
        return 0;
    }
}
