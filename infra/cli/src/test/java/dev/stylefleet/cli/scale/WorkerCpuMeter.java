package dev.stylefleet.cli.scale;

import dev.stylefleet.cli.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time of worker processes over intervals of a run. The OS reports a process's CPU time only
 * while it lives ({@link ServiceProcess#cpuTime()}), so every tracked process is sampled every
 * {@link #PERIOD} and its CPU time at an instant is its last sample before it: what a process used in its
 * last period before it exited is not counted. A process counts zero before it was started.
 */
public final class WorkerCpuMeter implements AutoCloseable {
    static final Duration PERIOD = Duration.ofMillis(250);

    private final Map<ServiceProcess, NavigableMap<Instant, Duration>> samples = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "worker-cpu-meter");
        t.setDaemon(true);
        return t;
    });

    public WorkerCpuMeter() {
        sampler.scheduleAtFixedRate(this::sampleAll, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Samples {@code p} from now on (and now). */
    public void track(ServiceProcess p) {
        samples.putIfAbsent(p, new ConcurrentSkipListMap<>());
        sample(p);
    }

    /** Samples every tracked process now: call it at an interval's boundary. */
    public void sampleAll() {
        samples.keySet().forEach(this::sample);
    }

    private void sample(ServiceProcess p) {
        Instant now = Instant.now();
        Optional<Duration> cpu = p.cpuTime();
        cpu.ifPresent(c -> samples.get(p).put(now, c));
    }

    /** CPU time all tracked processes used between {@code from} and {@code to}. */
    public Duration between(Instant from, Instant to) {
        Duration sum = Duration.ZERO;
        for (var e : samples.entrySet()) {
            sum = sum.plus(at(e.getKey(), e.getValue(), to).minus(at(e.getKey(), e.getValue(), from)));
        }
        return sum;
    }

    private static Duration at(ServiceProcess p, NavigableMap<Instant, Duration> s, Instant t) {
        if (t.isBefore(p.startedAt())) {
            return Duration.ZERO;
        }
        var floor = s.floorEntry(t);
        return floor == null ? Duration.ZERO : floor.getValue();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
