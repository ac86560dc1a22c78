package dev.stylefleet.gateway.admission;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * The mean run time (RUNNING to SUCCEEDED) of the last {@code samples} jobs per class, seeded with a
 * configured time until a job of that class has been seen. Thread-safe.
 */
public final class ServiceTimes {
    private final int samples;
    private final Map<QueueClass, Duration> initial;
    private final Map<QueueClass, Deque<Duration>> recent = new EnumMap<>(QueueClass.class);

    public ServiceTimes(int samples, Map<QueueClass, Duration> initial) {
        if (samples < 1) {
            throw new IllegalArgumentException("stylefleet.admission.service-time-samples must be at least 1, was " + samples);
        }
        this.samples = samples;
        this.initial = Map.copyOf(initial);
        for (QueueClass c : QueueClass.values()) {
            if (!initial.containsKey(c)) {
                throw new IllegalArgumentException("no initial service time for " + c);
            }
            recent.put(c, new ArrayDeque<>());
        }
    }

    public synchronized void record(QueueClass c, Duration runTime) {
        if (runTime.isNegative()) {
            return; // clocks of two machines: a job cannot have run for less than nothing
        }
        Deque<Duration> d = recent.get(c);
        d.addLast(runTime);
        if (d.size() > samples) {
            d.removeFirst();
        }
    }

    /** The current mean per class. */
    public synchronized Map<QueueClass, Duration> means() {
        Map<QueueClass, Duration> out = new EnumMap<>(QueueClass.class);
        recent.forEach((c, d) -> out.put(c, d.isEmpty() ? initial.get(c)
                : d.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(d.size())));
        return out;
    }
}
