package dev.stylefleet.gateway.timing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a request's time went, as a {@code Server-Timing} response header (W3C Server Timing:
 * {@code validate;dur=2.10, store;dur=0.00, record;dur=3.05, enqueue;dur=2.71}). Browsers show it in
 * their developer tools; the fleet overhead benchmark reads it to split the submit time. One instance
 * per request, used by one thread.
 */
public final class ServerTiming {
    public static final String HEADER = "Server-Timing";

    private record Stage(String name, long nanos) {}

    private final List<Stage> stages = new ArrayList<>();
    private long mark = System.nanoTime();

    /** Ends the current stage under {@code name} (a token: letters, digits, '-', '_') and starts the next. */
    public void lap(String name) {
        long now = System.nanoTime();
        stages.add(new Stage(name, now - mark));
        mark = now;
    }

    /** Starts the next stage now, leaving what passed since the last lap unaccounted. */
    public void restart() {
        mark = System.nanoTime();
    }

    /** The header's value; empty when no stage was timed. */
    public String header() {
        StringBuilder b = new StringBuilder();
        for (Stage s : stages) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(s.name()).append(";dur=").append(String.format(Locale.ROOT, "%.2f", s.nanos() / 1e6));
        }
        return b.toString();
    }
}
