package dev.stylefleet.infra;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link LocalStack} is started. Everything listens on {@value #HOST} only: the stack has fixed,
 * published credentials and no TLS, so it must never be reachable from another machine.
 *
 * @param kafkaPort   port of the Kafka client listener; 0 lets the OS choose (the bound port is then
 *                    read back from the socket, see {@link LocalStack#kafkaBootstrapServers()})
 * @param s3Port      port of the S3 endpoint; 0 lets the OS choose
 * @param dataDir     where Kafka's log directory ({@code kafka/}) and the object store ({@code s3/}) live;
 *                    null means a fresh temporary directory created at start
 * @param deleteOnClose delete the data directory on close (always true when {@code dataDir} is null)
 * @param s3AccessKey the one access key the S3 server accepts
 * @param s3SecretKey its secret key
 */
public record LocalStackConfig(
        int kafkaPort,
        int s3Port,
        Path dataDir,
        boolean deleteOnClose,
        String s3AccessKey,
        String s3SecretKey) {

    /** Loopback only, on purpose (see the class comment). */
    public static final String HOST = "127.0.0.1";
    /** Kafka's usual port; matches the default of {@code stylefleet.kafka.bootstrap-servers}. */
    public static final int DEFAULT_KAFKA_PORT = 9092;
    /** MinIO's usual port; matches the default of {@code stylefleet.s3.endpoint}. */
    public static final int DEFAULT_S3_PORT = 9000;
    /** The local run's data directory, relative to the working directory of {@code ./stylefleet up}. */
    public static final Path DEFAULT_DATA_DIR = Path.of(".stylefleet", "data");
    /** Matches the default of {@code stylefleet.s3.access-key}. */
    public static final String DEFAULT_ACCESS_KEY = "stylefleet";
    /** Matches the default of {@code stylefleet.s3.secret-key}. */
    public static final String DEFAULT_SECRET_KEY = "stylefleet-secret";

    public LocalStackConfig {
        checkPort("kafkaPort", kafkaPort);
        checkPort("s3Port", s3Port);
        if (kafkaPort != 0 && kafkaPort == s3Port) {
            throw new IllegalArgumentException("kafkaPort and s3Port must differ, both are " + kafkaPort);
        }
        Objects.requireNonNull(s3AccessKey, "s3AccessKey");
        Objects.requireNonNull(s3SecretKey, "s3SecretKey");
        if (s3AccessKey.isBlank() || s3SecretKey.isBlank()) {
            throw new IllegalArgumentException("s3AccessKey and s3SecretKey must not be blank");
        }
        if (dataDir == null) {
            deleteOnClose = true;
        }
    }

    /** The local run: Kafka on 9092, S3 on 9000, data kept in {@code ./.stylefleet/data} across restarts. */
    public static LocalStackConfig defaults() {
        return new LocalStackConfig(DEFAULT_KAFKA_PORT, DEFAULT_S3_PORT, DEFAULT_DATA_DIR, false,
                DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
    }

    /** Tests: ports chosen by the OS, a fresh temporary data directory deleted on close. */
    public static LocalStackConfig ephemeral() {
        return new LocalStackConfig(0, 0, null, true, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
    }

    /** The same settings on another data directory, kept on close (for example to restart on it). */
    public LocalStackConfig withDataDir(Path dir) {
        return new LocalStackConfig(kafkaPort, s3Port, Objects.requireNonNull(dir, "dir"), false,
                s3AccessKey, s3SecretKey);
    }

    /** The same settings on other ports (0 = chosen by the OS). */
    public LocalStackConfig withPorts(int kafka, int s3) {
        return new LocalStackConfig(kafka, s3, dataDir, deleteOnClose, s3AccessKey, s3SecretKey);
    }

    private static void checkPort(String field, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(field + " must be 0 (any free port) or 1..65535, was " + port);
        }
    }
}
