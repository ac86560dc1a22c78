package dev.stylefleet.bench.scaling;

import java.util.SplittableRandom;

/**
 * Arrival times of a non-homogeneous Poisson process with the trace's rate, by thinning (Lewis and
 * Shedler): candidates at the trace's peak rate, each kept with probability rate(t) / peak. Seeded, so
 * the same seed gives the same arrivals. Hand-written: the thinning loop is a few lines and runs once
 * per job, where a general statistics library would add allocation per sample.
 */
final class ArrivalProcess implements ArrivalStream {
    private final ArrivalTrace trace;
    private final SplittableRandom random;
    private final double peak;
    private double t;

    ArrivalProcess(ArrivalTrace trace, long seed) {
        this.trace = trace;
        this.random = new SplittableRandom(seed);
        this.peak = trace.peakRate();
    }

    @Override
    public double next() {
        if (peak <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        while (true) {
            t += random.nextExponential() / peak;
            if (t >= trace.durationSeconds()) {
                t = Double.POSITIVE_INFINITY;
                return t;
            }
            if (random.nextDouble() * peak < trace.rateAt(t)) {
                return t;
            }
        }
    }
}
