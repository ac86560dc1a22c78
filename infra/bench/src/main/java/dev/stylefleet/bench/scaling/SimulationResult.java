package dev.stylefleet.bench.scaling;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What one run measured: the queue wait of every job (arrival on the topic to a pod starting it) in a
 * histogram of microseconds, node-hours billed over the horizon, and the time series.
 */
record SimulationResult(long jobs, Histogram waitMicros, double nodeHours, int peakNodes, double endSeconds,
        List<TimeSeriesSample> series) {
    /** Queue wait in seconds at {@code percentile} (0-100). */
    double waitSeconds(double percentile) {
        return waitMicros.getValueAtPercentile(percentile) / 1e6;
    }

    double maxWaitSeconds() {
        return waitMicros.getMaxValue() / 1e6;
    }

    double meanWaitSeconds() {
        return waitMicros.getMean() / 1e6;
    }
}
