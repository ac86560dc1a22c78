package dev.stylefleet.bench.scaling;

/**
 * A day of sinusoidal load around {@code meanRate}: the trough at the start (night), the peak half a
 * day later, {@code peakToTrough} times the trough. With mean m and amplitude a the rate is
 * m (1 - a cos(2 pi t / day)), and peak / trough = (1 + a) / (1 - a), so a = (r - 1) / (r + 1).
 */
record DiurnalTrace(double meanRate, double peakToTrough, double durationSeconds, double daySeconds) implements ArrivalTrace {
    DiurnalTrace {
        if (peakToTrough < 1) {
            throw new IllegalArgumentException("peak / trough must be at least 1: " + peakToTrough);
        }
    }

    private double amplitude() {
        return (peakToTrough - 1) / (peakToTrough + 1);
    }

    @Override
    public String name() {
        return "diurnal";
    }

    @Override
    public double rateAt(double t) {
        return meanRate * (1 - amplitude() * Math.cos(2 * Math.PI * t / daySeconds));
    }

    @Override
    public double peakRate() {
        return meanRate * (1 + amplitude());
    }

    @Override
    public ArrivalTrace scaled(double factor) {
        return new DiurnalTrace(meanRate * factor, peakToTrough, durationSeconds, daySeconds);
    }
}
