package dev.stylefleet.infra;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import kafka.server.SharedServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.QuorumConfig;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * A real single-node Apache Kafka in KRaft mode (one process role set {@code broker,controller}),
 * running inside this JVM. It is what {@code kafka-storage.sh format} plus {@code kafka-server-start.sh}
 * do, in code: format the log directory once (a {@code meta.properties} there means it is formatted,
 * so a restart keeps every topic and message), then build the controller and broker around one
 * {@link SharedServer}, the way {@code KafkaRaftServer} does. We build them ourselves instead of
 * using {@code KafkaRaftServer} for two reasons: to hand Kafka pre-bound sockets (so ephemeral ports
 * are known before the configuration is written, see {@link PreboundSocketFactory}) and to replace
 * the fault handlers that would halt the JVM (see {@link InProcessFaultHandlerFactory}).
 */
final class EmbeddedKafka implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalStack.class.getName());

    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** The only node. Fixed, because a restart must find its own id in {@code meta.properties}. */
    private static final int NODE_ID = 1;
    /**
     * Partitions of {@code __consumer_offsets}. Kafka's default of 50 costs startup time and files on
     * a machine that runs a handful of consumer groups; 4 still spreads groups over coordinators.
     */
    private static final int OFFSETS_TOPIC_PARTITIONS = 4;
    /** Same reasoning for {@code __transaction_state} (default 50). */
    private static final int TRANSACTION_TOPIC_PARTITIONS = 4;
    /** Request handler threads; Kafka's default of 8 is sized for a real broker, not a laptop. */
    private static final int IO_THREADS = 2;
    /** Shortest session timeout a group may use, either protocol: a second, for tests of a silent member. */
    static final int MIN_SESSION_TIMEOUT_MS = 1000;
    /** Shortest KIP-848 heartbeat interval a group may use (a third of the shortest session). */
    static final int MIN_HEARTBEAT_INTERVAL_MS = 300;
    /** Network threads; Kafka's default of 3 is sized for many clients. */
    private static final int NETWORK_THREADS = 2;

    private final PreboundSocketFactory sockets;
    private final ControllerServer controller;
    private final BrokerServer broker;
    private final Metrics metrics;
    private final int port;

    private EmbeddedKafka(PreboundSocketFactory sockets, ControllerServer controller, BrokerServer broker,
            Metrics metrics, int port) {
        this.sockets = sockets;
        this.controller = controller;
        this.broker = broker;
        this.metrics = metrics;
        this.port = port;
    }

    /** Starts a broker on {@code host:port} (0 = any free port) with its log directory {@code logDir}. */
    static EmbeddedKafka start(String host, int port, Path logDir) {
        PreboundSocketFactory sockets = new PreboundSocketFactory();
        ControllerServer controller = null;
        BrokerServer broker = null;
        Metrics metrics = null;
        try {
            int clientPort = sockets.bind(CLIENT_LISTENER, host, port);
            // The controller listener is internal to this node (clients never use it), so it always
            // takes any free port; with a static voter set its address is not stored in the log.
            int controllerPort = sockets.bind(CONTROLLER_LISTENER, host, 0);
            KafkaConfig config = new KafkaConfig(properties(host, clientPort, controllerPort, logDir), false);
            formatIfNeeded(config, logDir);

            Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> dirs =
                    KafkaRaftServer.initializeLogDirs(config, LoggerFactory.getLogger(EmbeddedKafka.class), "");
            String clusterId = dirs._1().clusterId().orElseThrow();
            metrics = Server.initializeMetrics(config, Time.SYSTEM, clusterId);
            SharedServer shared = new SharedServer(config, dirs._1(), Time.SYSTEM, metrics,
                    CompletableFuture.completedFuture(
                            QuorumConfig.parseVoterConnections(config.quorumConfig().voters())),
                    QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
                    new InProcessFaultHandlerFactory(), sockets);
            controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), dirs._2());
            broker = new BrokerServer(shared);
            // Same order as KafkaRaftServer: the controller must be up for the broker to register.
            controller.startup();
            broker.startup();
            int bound = broker.boundPort(ListenerName.normalised(CLIENT_LISTENER));
            if (bound != clientPort) {
                throw new LocalStackException("Kafka bound port " + bound + ", expected the pre-bound " + clientPort);
            }
            return new EmbeddedKafka(sockets, controller, broker, metrics, bound);
        } catch (RuntimeException e) {
            stopQuietly(broker, controller, metrics, sockets);
            if (e instanceof LocalStackException) {
                throw e;
            }
            throw new LocalStackException("Kafka did not start on " + host + ":" + port + " with log directory "
                    + logDir + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        stopQuietly(broker, controller, metrics, sockets);
    }

    private static void stopQuietly(BrokerServer broker, ControllerServer controller, Metrics metrics,
            PreboundSocketFactory sockets) {
        // Broker first, as KafkaRaftServer does: it needs the controller to deregister cleanly.
        if (broker != null) {
            run("stop Kafka broker", () -> {
                broker.shutdown();
                broker.awaitShutdown();
            });
        }
        if (controller != null) {
            run("stop Kafka controller", () -> {
                controller.shutdown();
                controller.awaitShutdown();
            });
        }
        if (metrics != null) {
            run("close Kafka metrics", metrics::close);
        }
        sockets.close();
    }

    private static void run(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not " + what, e);
        }
    }

    /** Formats the log directory unless it already is (a restart then keeps every topic and message). */
    private static void formatIfNeeded(KafkaConfig config, Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        // The formatter reports to a PrintStream; keep it out of stdout and show it only on failure.
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8)) {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    // A static voter set (controller.quorum.voters), not KIP-853's dynamic quorum.
                    .setHasDynamicQuorum(false)
                    .run();
        } catch (Exception e) {
            throw new LocalStackException("could not format Kafka log directory " + logDir + ": " + e.getMessage()
                    + " (formatter said: " + report.toString(StandardCharsets.UTF_8).strip() + ")", e);
        }
    }

    private static Properties properties(String host, int clientPort, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", CLIENT_LISTENER + "://" + host + ":" + clientPort + "," + CONTROLLER_LISTENER + "://"
                + host + ":" + controllerPort);
        p.put("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + clientPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One node: every internal topic has exactly one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", String.valueOf(OFFSETS_TOPIC_PARTITIONS));
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", String.valueOf(TRANSACTION_TOPIC_PARTITIONS));
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // A consumer group forms at once instead of waiting 3 s for more members (tests, job workers).
        p.put("group.initial.rebalance.delay.ms", "0");
        // Both consumer group protocols (docs/worker-runtime.md): the classic one and KIP-848's "consumer"
        // (Kafka 4's default coordinator serves both; named here so that a broker default cannot drop one).
        p.put("group.coordinator.rebalance.protocols", "classic,consumer");
        // Tests use short session timeouts to see a silent member expire quickly. Classic clients send
        // theirs (bounded by the broker's minimum, 6 s by default); with KIP-848 the broker owns it, per
        // group through the group config consumer.session.timeout.ms, bounded by these minimums.
        p.put("group.min.session.timeout.ms", String.valueOf(MIN_SESSION_TIMEOUT_MS));
        p.put("group.consumer.min.session.timeout.ms", String.valueOf(MIN_SESSION_TIMEOUT_MS));
        p.put("group.consumer.min.heartbeat.interval.ms", String.valueOf(MIN_HEARTBEAT_INTERVAL_MS));
        // Topics come from dev.stylefleet.schemas.Topics only; a misspelt topic must fail, not appear.
        p.put("auto.create.topics.enable", "false");
        p.put("num.io.threads", String.valueOf(IO_THREADS));
        p.put("num.network.threads", String.valueOf(NETWORK_THREADS));
        return p;
    }
}
