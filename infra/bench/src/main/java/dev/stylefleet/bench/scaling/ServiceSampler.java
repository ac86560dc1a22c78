package dev.stylefleet.bench.scaling;

/** How long a worker pod is busy with the next job, in seconds: drawn from a {@link ServiceTimeModel}, or fixed in tests. */
interface ServiceSampler {
    double nextServiceSeconds();
}
