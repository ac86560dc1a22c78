package dev.stylefleet.infra;

import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.platform.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The stylefleet infrastructure in one JVM: a real single-node Apache Kafka (KRaft) with every topic
 * of {@link Topics#ALL}, and a real S3-compatible server (S3Proxy) with every bucket of
 * {@link Buckets#ALL}, both on loopback. Used by {@code ./stylefleet up} ({@link LocalStackConfig#defaults()})
 * and by every *IT test ({@link #shared()} or {@link LocalStackConfig#ephemeral()}).
 *
 * <p>Services connect with the shared configuration keys; {@link #configProperties()} gives them.
 * {@link #close()} stops S3, then Kafka, releases both ports and, for an ephemeral stack, deletes the
 * data directory. See docs/local-stack.md.
 */
public final class LocalStack implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());

    /**
     * How long Kafka may take to register, create the topics and elect their leaders. It takes about a
     * second; the margin is for a loaded CI machine, and a failure names what was not ready.
     */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /**
     * System properties through which {@link #shared()} finds a shared stack started by a copy of
     * this class in another class loader (Quarkus tests load test classes twice): class statics are
     * per class loader, system properties are per JVM.
     */
    static final String SHARED_PROPERTY_PREFIX = "dev.stylefleet.local-stack.shared.";
    /** Lock for {@link #shared()} across class loaders: string literals are interned JVM-wide. */
    private static final String SHARED_LOCK = "dev.stylefleet.infra.LocalStack.shared";

    private static LocalStack shared;

    private final Path dataDir;
    private final boolean deleteDataDir;
    /** Null on a handle to a shared stack; replaced by {@link #startKafka()} after {@link #stopKafka()}. */
    private volatile EmbeddedKafka kafka;
    private volatile EmbeddedS3 s3;
    /** Whether this handle started the servers (a handle on a shared stack started elsewhere did not). */
    private final boolean owner;
    /** Set by {@link #stopKafka()} / {@link #stopS3()}, cleared by the matching start; guarded by {@code this}. */
    private boolean kafkaStopped;
    private boolean s3Stopped;
    private final String kafkaBootstrapServers;
    private final String s3Endpoint;
    private final String s3AccessKey;
    private final String s3SecretKey;
    private final Duration startupTime;
    private final ObjectStore objectStore;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean isShared;
    private final Thread shutdownHook;

    private LocalStack(Path dataDir, boolean deleteDataDir, EmbeddedKafka kafka, EmbeddedS3 s3,
            String kafkaBootstrapServers, String s3Endpoint, String s3AccessKey, String s3SecretKey,
            Duration startupTime, boolean isShared) {
        this.dataDir = dataDir;
        this.deleteDataDir = deleteDataDir;
        this.kafka = kafka;
        this.s3 = s3;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.s3Endpoint = s3Endpoint;
        this.s3AccessKey = s3AccessKey;
        this.s3SecretKey = s3SecretKey;
        this.startupTime = startupTime;
        this.isShared = isShared;
        this.objectStore = new ObjectStore(s3Endpoint, s3AccessKey, s3SecretKey);
        this.owner = kafka != null;
        this.shutdownHook = kafka == null ? null : new Thread(this::stop, "stylefleet-local-stack-shutdown");
    }

    /**
     * Starts Kafka and S3 (in parallel), creates the topics and buckets, and returns when both accept
     * clients. Throws {@link LocalStackException} naming the part that failed; whatever had started
     * is stopped again.
     */
    public static LocalStack start(LocalStackConfig config) {
        return start(config, false);
    }

    /**
     * One stack per JVM for tests: ephemeral ports and a temporary data directory, started on first
     * use and stopped by a shutdown hook. {@link #close()} on it does nothing, so a test that closes
     * what it got cannot pull the stack from under the others.
     */
    public static synchronized LocalStack shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                String kafka = System.getProperty(SHARED_PROPERTY_PREFIX + "kafka-bootstrap-servers");
                if (kafka != null) {
                    // Started by this class in another class loader: a handle on the same servers.
                    shared = new LocalStack(Path.of(System.getProperty(SHARED_PROPERTY_PREFIX + "data-dir")),
                            false, null, null, kafka, System.getProperty(SHARED_PROPERTY_PREFIX + "s3-endpoint"),
                            System.getProperty(SHARED_PROPERTY_PREFIX + "s3-access-key"),
                            System.getProperty(SHARED_PROPERTY_PREFIX + "s3-secret-key"), Duration.ZERO, true);
                } else {
                    shared = start(LocalStackConfig.ephemeral(), true);
                    System.setProperty(SHARED_PROPERTY_PREFIX + "kafka-bootstrap-servers", shared.kafkaBootstrapServers);
                    System.setProperty(SHARED_PROPERTY_PREFIX + "s3-endpoint", shared.s3Endpoint);
                    System.setProperty(SHARED_PROPERTY_PREFIX + "s3-access-key", shared.s3AccessKey);
                    System.setProperty(SHARED_PROPERTY_PREFIX + "s3-secret-key", shared.s3SecretKey);
                    System.setProperty(SHARED_PROPERTY_PREFIX + "data-dir", shared.dataDir.toString());
                }
            }
            return shared;
        }
    }

    private static LocalStack start(LocalStackConfig config, boolean isShared) {
        long t0 = System.nanoTime();
        Path dataDir = dataDir(config);
        boolean deleteDataDir = config.deleteOnClose();
        CompletableFuture<EmbeddedS3> s3Start = new CompletableFuture<>();
        // S3Proxy (mostly jclouds' dependency injection) and Kafka each take a moment to start and
        // share nothing, so S3 starts on its own thread while Kafka starts on this one.
        long[] s3Ms = new long[1];
        Thread s3Thread = new Thread(() -> {
            try {
                long s0 = System.nanoTime();
                s3Start.complete(EmbeddedS3.start(LocalStackConfig.HOST, config.s3Port(), dataDir.resolve("s3"),
                        config.s3AccessKey(), config.s3SecretKey(), Buckets.ALL));
                s3Ms[0] = (System.nanoTime() - s0) / 1_000_000;
            } catch (Throwable e) {
                s3Start.completeExceptionally(e);
            }
        }, "stylefleet-local-stack-s3-start");
        s3Thread.setDaemon(true);
        s3Thread.start();

        EmbeddedKafka kafka = null;
        EmbeddedS3 s3 = null;
        try {
            kafka = EmbeddedKafka.start(LocalStackConfig.HOST, config.kafkaPort(), dataDir.resolve("kafka"));
            long brokerMs = (System.nanoTime() - t0) / 1_000_000;
            String bootstrap = LocalStackConfig.HOST + ":" + kafka.port();
            TopicProvisioner.provision(bootstrap, Topics.ALL, READY_TIMEOUT);
            long kafkaMs = (System.nanoTime() - t0) / 1_000_000;
            s3 = join(s3Start);
            Duration startup = Duration.ofNanos(System.nanoTime() - t0);
            LocalStack stack = new LocalStack(dataDir, deleteDataDir, kafka, s3, bootstrap, s3.endpoint(),
                    config.s3AccessKey(), config.s3SecretKey(), startup, isShared);
            Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
            // One line, with the phases, so a slow start shows where the time went.
            LOG.log(System.Logger.Level.INFO, String.format("stylefleet local stack ready in %d ms: Kafka %s "
                    + "(broker up after %d ms, %d topics ready after %d ms), S3 %s (%d buckets, up after %d ms, "
                    + "in parallel), data %s%s", startup.toMillis(), bootstrap, brokerMs, Topics.ALL.size(), kafkaMs,
                    s3.endpoint(), Buckets.ALL.size(), s3Ms[0], dataDir, deleteDataDir ? " (deleted on close)" : ""));
            return stack;
        } catch (RuntimeException e) {
            if (s3 == null) {
                // Kafka failed while S3 was starting (stop S3 once it is up), or S3 itself failed.
                try {
                    s3 = join(s3Start);
                } catch (RuntimeException s3Failure) {
                    if (s3Failure != e) {
                        e.addSuppressed(s3Failure);
                    }
                }
            }
            if (s3 != null) {
                s3.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            if (deleteDataDir) {
                Directories.deleteRecursively(dataDir);
            }
            throw e;
        }
    }

    /** Kafka's bootstrap servers, {@code 127.0.0.1:PORT}: {@code stylefleet.kafka.bootstrap-servers}. */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The S3 endpoint, {@code http://127.0.0.1:PORT}: {@code stylefleet.s3.endpoint}. */
    public String s3Endpoint() {
        return s3Endpoint;
    }

    public String s3AccessKey() {
        return s3AccessKey;
    }

    public String s3SecretKey() {
        return s3SecretKey;
    }

    /** An object store on this stack's S3 server. */
    public ObjectStore objectStore() {
        return objectStore;
    }

    /** Holds {@code kafka/} (Kafka's log directory) and {@code s3/} (one directory per bucket). */
    public Path dataDir() {
        return dataDir;
    }

    /** From the call to start until Kafka's topics had leaders and S3 accepted requests. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * The shared configuration keys every service reads, set to this stack: hand them to a service
     * under test (for example from a {@code QuarkusTestResourceLifecycleManager}) or a child process.
     */
    public Map<String, String> configProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("stylefleet.kafka.bootstrap-servers", kafkaBootstrapServers);
        p.put("stylefleet.s3.endpoint", s3Endpoint);
        p.put("stylefleet.s3.access-key", s3AccessKey);
        p.put("stylefleet.s3.secret-key", s3SecretKey);
        return p;
    }

    /**
     * Stops the Kafka broker (and its controller) as a crash of the broker's host would look to clients,
     * keeping its log directory; {@link #startKafka()} brings it back on the same port with the same data.
     * For fault tests ({@code FaultSuite}); a no-op when already stopped.
     */
    public synchronized void stopKafka() {
        requireOwner();
        if (!kafkaStopped) {
            kafka.close();
            kafkaStopped = true;
            LOG.log(System.Logger.Level.INFO, "stylefleet local stack: Kafka " + kafkaBootstrapServers + " stopped");
        }
    }

    /**
     * Starts the broker stopped by {@link #stopKafka()} again in place: the same port (clients reconnect to
     * the address they have), the same log directory (every topic, message and committed offset kept), and
     * returns once every topic has a leader again. A no-op when running.
     */
    public synchronized void startKafka() {
        requireOwner();
        if (kafkaStopped) {
            long t0 = System.nanoTime();
            kafka = EmbeddedKafka.start(LocalStackConfig.HOST, port(kafkaBootstrapServers), dataDir.resolve("kafka"));
            kafkaStopped = false;
            TopicProvisioner.provision(kafkaBootstrapServers, Topics.ALL, READY_TIMEOUT);
            LOG.log(System.Logger.Level.INFO, String.format("stylefleet local stack: Kafka %s started again in %d ms",
                    kafkaBootstrapServers, (System.nanoTime() - t0) / 1_000_000));
        }
    }

    /**
     * Stops the S3 server, keeping its data directory: requests to its port are refused until
     * {@link #startS3()}. For fault tests; a no-op when already stopped.
     */
    public synchronized void stopS3() {
        requireOwner();
        if (!s3Stopped) {
            s3.close();
            s3Stopped = true;
            LOG.log(System.Logger.Level.INFO, "stylefleet local stack: S3 " + s3Endpoint + " stopped");
        }
    }

    /** Starts the S3 server stopped by {@link #stopS3()} again on the same port with the same objects. */
    public synchronized void startS3() {
        requireOwner();
        if (s3Stopped) {
            long t0 = System.nanoTime();
            s3 = EmbeddedS3.start(LocalStackConfig.HOST, java.net.URI.create(s3Endpoint).getPort(),
                    dataDir.resolve("s3"), s3AccessKey, s3SecretKey, Buckets.ALL);
            s3Stopped = false;
            LOG.log(System.Logger.Level.INFO, String.format("stylefleet local stack: S3 %s started again in %d ms",
                    s3Endpoint, (System.nanoTime() - t0) / 1_000_000));
        }
    }

    private void requireOwner() {
        if (!owner || isShared || closed.get()) {
            throw new IllegalStateException("only a running stack started by LocalStack.start can stop and start "
                    + "its servers (not the shared one, not a closed one)");
        }
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    /** Stops S3, then Kafka; deletes an ephemeral data directory. Idempotent; a no-op on {@link #shared()}. */
    @Override
    public void close() {
        if (isShared) {
            return;
        }
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrGone) {
            // The JVM is exiting and the hook is running or has run: nothing to remove.
        }
    }

    private void stop() {
        if (!owner || !closed.compareAndSet(false, true)) {
            return;
        }
        long t0 = System.nanoTime();
        // S3 first: it has no state in flight that Kafka needs, and services draining Kafka may
        // still be writing results until the broker goes.
        synchronized (this) {
            if (!s3Stopped) {
                s3.close();
            }
            if (!kafkaStopped) {
                kafka.close();
            }
        }
        if (deleteDataDir) {
            try {
                Directories.deleteRecursively(dataDir);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete the local stack data directory " + dataDir, e);
            }
        }
        if (isShared) {
            for (String key : new String[] {"kafka-bootstrap-servers", "s3-endpoint", "s3-access-key",
                    "s3-secret-key", "data-dir"}) {
                System.clearProperty(SHARED_PROPERTY_PREFIX + key);
            }
        }
        LOG.log(System.Logger.Level.INFO, String.format("stylefleet local stack stopped in %d ms",
                (System.nanoTime() - t0) / 1_000_000));
    }

    private static Path dataDir(LocalStackConfig config) {
        try {
            if (config.dataDir() == null) {
                return Files.createTempDirectory("stylefleet-local-stack-");
            }
            Files.createDirectories(config.dataDir());
            return config.dataDir().toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new LocalStackException("cannot create the local stack data directory "
                    + (config.dataDir() == null ? "(temporary)" : config.dataDir()) + ": " + e.getMessage(), e);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new LocalStackException(e.getCause().getMessage(), e.getCause());
        }
    }
}
