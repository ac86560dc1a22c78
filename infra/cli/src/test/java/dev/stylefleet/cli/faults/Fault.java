package dev.stylefleet.cli.faults;

import java.time.Instant;

/**
 * One fault of a run: what was done, when it hit ({@code injected}: the signal sent, the server stopped)
 * and when what it took away was back ({@code restored}: the replacement ready, the server started again).
 */
public record Fault(Kind kind, String target, Instant injected, Instant restored) {
    public enum Kind {
        WORKER_SIGKILL("inference worker SIGKILL, replaced", false),
        GATEWAY_SIGKILL("gateway SIGKILL, restarted", true),
        BROKER_RESTART("Kafka broker stopped, started again in place", true),
        S3_OUTAGE("S3 server stopped, started again in place", true);

        private final String label;
        private final boolean outage;

        Kind(String label, boolean outage) {
            this.label = label;
            this.outage = outage;
        }

        public String label() {
            return label;
        }

        /** Whether clients of the API meet it (a worker's death is invisible to them). */
        public boolean outage() {
            return outage;
        }
    }
}
