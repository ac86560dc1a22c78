package dev.stylefleet.infer;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded Kafka broker and S3 server log every step at INFO, which buries the worker's one line
 * per job in test output. Tests raise those loggers to WARNING before starting the stack.
 */
public final class QuietLogs {
    private QuietLogs() {}

    /** Strong references: java.util.logging forgets the level of a logger nobody holds. */
    private static final List<Logger> QUIETED = List.of("org.apache.kafka", "kafka", "org.gaul",
            "org.eclipse.jetty", "org.jclouds").stream().map(Logger::getLogger).toList();

    public static void apply() {
        QUIETED.forEach(l -> l.setLevel(Level.WARNING));
    }
}
