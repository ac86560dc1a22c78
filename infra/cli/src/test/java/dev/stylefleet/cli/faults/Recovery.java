package dev.stylefleet.cli.faults;

import dev.stylefleet.cli.scale.JobEventLog.Received;
import dev.stylefleet.schemas.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How the fleet came back from one fault, from the SUCCEEDED events as the suite's event log read them
 * (read time, not the worker's stamp: during a broker outage nothing can be read, whatever was computed).
 *
 * @param firstCompletion  injection → the first SUCCEEDED read after it (null: none)
 * @param throughputBack   injection → the end of the first {@link #WINDOW} after the restoration whose
 *                         completions reach {@link #SHARE} of the rate in the {@link #BEFORE} before the
 *                         injection (null: not within the run)
 * @param longestGap       the longest time between consecutive completions from the injection to
 *                         {@code throughputBack} (or the restoration)
 * @param rateBefore       completions per second in the {@link #BEFORE} before the injection
 */
public record Recovery(Fault fault, Duration firstCompletion, Duration throughputBack, Duration longestGap,
        double rateBefore) {
    public static final Duration WINDOW = Duration.ofSeconds(5);
    public static final Duration BEFORE = Duration.ofSeconds(20);
    public static final double SHARE = 0.5;

    public static Recovery of(Fault fault, List<Received> events) {
        List<Instant> done = events.stream().filter(r -> r.event().state() == JobState.SUCCEEDED)
                .map(Received::readAt).sorted().toList();
        Instant t0 = fault.injected();
        Duration first = done.stream().filter(t -> t.isAfter(t0)).findFirst().map(t -> Duration.between(t0, t))
                .orElse(null);
        double before = done.stream().filter(t -> t.isAfter(t0.minus(BEFORE)) && !t.isAfter(t0)).count()
                / (double) BEFORE.toSeconds();
        Duration back = null;
        long need = (long) Math.ceil(before * SHARE * WINDOW.toSeconds());
        // Slide a window ending at each completion after the restoration: the first that holds enough.
        for (int i = 0; i < done.size(); i++) {
            Instant end = done.get(i);
            if (end.isBefore(fault.restored())) {
                continue;
            }
            Instant start = end.minus(WINDOW);
            long n = done.stream().filter(t -> t.isAfter(start) && !t.isAfter(end)).count();
            if (n >= Math.max(1, need)) {
                back = Duration.between(t0, end);
                break;
            }
        }
        Instant gapEnd = back != null ? t0.plus(back) : fault.restored();
        Duration gap = Duration.ZERO;
        Instant prev = t0;
        for (Instant t : done) {
            if (t.isAfter(t0) && !t.isAfter(gapEnd)) {
                gap = max(gap, Duration.between(prev, t));
                prev = t;
            }
        }
        gap = max(gap, Duration.between(prev, gapEnd));
        return new Recovery(fault, first, back, gap, before);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
