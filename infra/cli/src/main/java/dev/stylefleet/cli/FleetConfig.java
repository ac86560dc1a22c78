package dev.stylefleet.cli;

import dev.stylefleet.infra.LocalStackConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to run a local fleet.
 *
 * @param repoRoot     the checkout whose built services are started
 * @param stack        the embedded Kafka and S3 server
 * @param gatewayPort  HTTP port of the gateway (8080 for {@code up}; a free port in tests)
 * @param inferPort    HTTP port (health, metrics) of the inference worker
 * @param trainPort    HTTP port (health, metrics) of the training worker
 * @param logDir       where each service's output goes ({@code <service>.log})
 * @param extraConfig  more {@code -Dkey=value} passed to every service (tests use it for fault injection)
 * @param restart      how a service that exits without being asked to is restarted ({@link ServiceSupervisor})
 */
public record FleetConfig(
        Path repoRoot,
        LocalStackConfig stack,
        int gatewayPort,
        int inferPort,
        int trainPort,
        Path logDir,
        Map<String, String> extraConfig,
        RestartPolicy restart) {

    /** A fleet whose services are restarted per {@link RestartPolicy#defaults()}. */
    public FleetConfig(Path repoRoot, LocalStackConfig stack, int gatewayPort, int inferPort, int trainPort,
            Path logDir, Map<String, String> extraConfig) {
        this(repoRoot, stack, gatewayPort, inferPort, trainPort, logDir, extraConfig, RestartPolicy.defaults());
    }
}
