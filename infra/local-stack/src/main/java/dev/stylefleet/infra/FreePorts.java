package dev.stylefleet.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers that must be told their port before they start (child processes, allow-lists).
 *
 * <p>Why not "bind port 0, read it, close": that port comes from the kernel's ephemeral range, the
 * same range outgoing connections take their local ports from, so between the close and the real
 * server's bind a Kafka or HTTP client connection can take it (seen as "Address already in use").
 * Ports below the ephemeral range are never handed to outgoing connections; we pick one at random
 * there and check that it is free to bind now.
 */
public final class FreePorts {
    private static final int LOWEST = 10_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;

    private FreePorts() {}

    /** A loopback port that is free now and that no outgoing connection will take. */
    public static int pick() {
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + LOWEST + " and " + below));
    }

    static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : DEFAULT_EPHEMERAL_START;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
