package dev.stylefleet.bench.scaling;

/** A constant rate: a homogeneous Poisson process of {@code rate} jobs per second. */
record SteadyTrace(double rate, double durationSeconds) implements ArrivalTrace {
    @Override
    public String name() {
        return "steady";
    }

    @Override
    public double rateAt(double t) {
        return rate;
    }

    @Override
    public double peakRate() {
        return rate;
    }

    @Override
    public double meanRate() {
        return rate;
    }

    @Override
    public ArrivalTrace scaled(double factor) {
        return new SteadyTrace(rate * factor, durationSeconds);
    }
}
