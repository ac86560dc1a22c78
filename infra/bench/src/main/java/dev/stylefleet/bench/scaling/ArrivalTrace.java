package dev.stylefleet.bench.scaling;

/**
 * A job arrival rate over time (jobs per second at each second of the trace): the load shape the
 * simulation drives the fleet with. Arrivals are a Poisson process of this rate ({@link ArrivalProcess}).
 */
interface ArrivalTrace {
    /** Short name for tables and file names, e.g. {@code steady}. */
    String name();

    /** Seconds of arrivals; the simulation keeps running after it until the queue is empty. */
    double durationSeconds();

    /** Jobs per second at {@code t} seconds into the trace. */
    double rateAt(double t);

    /** The highest {@link #rateAt} anywhere in the trace: the bound arrivals are thinned from, and what a fixed pool is sized for. */
    double peakRate();

    /** The mean rate over the trace (jobs over duration). */
    double meanRate();

    /** The same shape at {@code factor} times the rate. */
    ArrivalTrace scaled(double factor);
}
