package dev.stylefleet.cli.scale;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The phase clock of a scale run: what was done to which worker when ({@link ScaleEvent}), and the run cut
 * into phases at those moments, each with the number of worker processes running in it. A phase is
 * either steady (a fixed number of workers) or a transition (a worker starting up, or draining after
 * SIGTERM); the figures are per phase.
 */
public final class ScaleTimeline {
    public enum Action {
        /** Process started (fork). */
        START,
        /** Its readiness endpoint answered 200. */
        READY,
        SIGTERM,
        /** Exited after SIGTERM. */
        EXITED,
        SIGKILL
    }

    public record ScaleEvent(Instant at, String worker, Action action) {}

    /** {@code end} is null while the phase runs. */
    public record Phase(String label, int workers, Instant start, Instant end) {
        public Duration length() {
            return Duration.between(start, end);
        }
    }

    private final List<ScaleEvent> events = new ArrayList<>();
    private final List<Phase> phases = new ArrayList<>();

    public synchronized void event(Instant at, String worker, Action action) {
        events.add(new ScaleEvent(at, worker, action));
    }

    /** Ends the running phase (if any) at {@code at} and starts the next one there. */
    public synchronized void begin(Instant at, String label, int workers) {
        endPhase(at);
        phases.add(new Phase(label, workers, at, null));
    }

    /** Ends the running phase at {@code at}. */
    public synchronized void endPhase(Instant at) {
        if (!phases.isEmpty() && phases.get(phases.size() - 1).end() == null) {
            Phase last = phases.remove(phases.size() - 1);
            phases.add(new Phase(last.label(), last.workers(), last.start(), at));
        }
    }

    public synchronized List<ScaleEvent> events() {
        return List.copyOf(events);
    }

    /** The phases that have ended. */
    public synchronized List<Phase> phases() {
        return phases.stream().filter(p -> p.end() != null).toList();
    }
}
