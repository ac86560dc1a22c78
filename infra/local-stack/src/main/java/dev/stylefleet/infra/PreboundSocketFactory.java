package dev.stylefleet.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.server.ServerSocketFactory;

/**
 * Binds Kafka's listener sockets before the broker is configured, so the configuration can name the
 * real ports even when the OS chose them (port 0). The controller's port has to be known up front
 * because it is part of {@code controller.quorum.voters}; binding here instead of "find a free port,
 * close it, hope nobody takes it" leaves no window for another process (or another stack in the
 * same JVM) to grab it. Kafka asks this factory for each listener's socket when its SocketServer
 * starts; a listener opened a second time (never, in our use) gets a fresh socket.
 */
final class PreboundSocketFactory implements ServerSocketFactory, AutoCloseable {
    /** Pending connections per listener; Kafka's own default ({@code socket.listen.backlog.size}). */
    private static final int BACKLOG = 50;

    private final Map<String, ServerSocketChannel> prebound = new ConcurrentHashMap<>();

    /** Binds {@code host:port} (port 0 = any free port) for a listener and returns the bound port. */
    int bind(String listenerName, String host, int port) {
        try {
            ServerSocketChannel channel = ServerSocketChannel.open();
            try {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.configureBlocking(false);
                channel.bind(new InetSocketAddress(host, port), BACKLOG);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            prebound.put(listenerName, channel);
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new LocalStackException("Kafka listener " + listenerName + " cannot bind " + host + ":" + port
                    + (port == 0 ? "" : " (is another Kafka or local stack already running there?)")
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ServerSocketChannel openServerSocket(String listenerName, InetSocketAddress address, int listenBacklogSize,
            int recvBufferSize) throws IOException {
        ServerSocketChannel channel = prebound.remove(listenerName);
        if (channel == null) {
            return ServerSocketFactory.INSTANCE.openServerSocket(listenerName, address, listenBacklogSize,
                    recvBufferSize);
        }
        if (recvBufferSize != -1) {
            channel.socket().setReceiveBufferSize(recvBufferSize);
        }
        return channel;
    }

    /** Closes the sockets Kafka never took (after a failed start). */
    @Override
    public void close() {
        for (ServerSocketChannel channel : prebound.values()) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing else to do with a socket that will not close; the OS reclaims it at exit.
            }
        }
        prebound.clear();
    }
}
