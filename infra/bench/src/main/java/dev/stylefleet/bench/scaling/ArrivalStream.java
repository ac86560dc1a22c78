package dev.stylefleet.bench.scaling;

/** Job arrival times in increasing order: a seeded trace ({@link ArrivalProcess}) or, in tests, a fixed list. */
interface ArrivalStream {
    /** The next arrival time in seconds, or {@code Double.POSITIVE_INFINITY} when there are no more. */
    double next();
}
