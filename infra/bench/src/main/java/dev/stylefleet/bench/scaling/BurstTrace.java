package dev.stylefleet.bench.scaling;

/**
 * A steady rate with one burst: from {@code burstStart} for {@code burstSeconds} the rate is
 * {@code burstFactor} times the steady rate (the burst replaces the steady load there, so a factor of 10
 * means ten times the jobs per second), then steady again until the end.
 */
record BurstTrace(double rate, double burstFactor, double burstStart, double burstSeconds, double durationSeconds)
        implements ArrivalTrace {
    @Override
    public String name() {
        return "burst";
    }

    boolean inBurst(double t) {
        return t >= burstStart && t < burstStart + burstSeconds;
    }

    @Override
    public double rateAt(double t) {
        return inBurst(t) ? rate * burstFactor : rate;
    }

    @Override
    public double peakRate() {
        return rate * Math.max(1, burstFactor);
    }

    @Override
    public double meanRate() {
        return rate * (durationSeconds + (burstFactor - 1) * burstSeconds) / durationSeconds;
    }

    @Override
    public ArrivalTrace scaled(double factor) {
        return new BurstTrace(rate * factor, burstFactor, burstStart, burstSeconds, durationSeconds);
    }
}
