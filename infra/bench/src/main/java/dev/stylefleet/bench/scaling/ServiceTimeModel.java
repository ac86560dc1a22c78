package dev.stylefleet.bench.scaling;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seconds a worker pod is busy with one job: compute (the median per {@link JobSize} times a
 * log-normal factor of spread {@code computeSigma}) plus the per-job storage work around it: fetch
 * (model lookup, input) and store (result upload, proportional to output pixels, {@code storeAt1024}
 * for a 1024² output, log-normal spread {@code storeSigma}). The log-normal factor has median 1, so
 * the medians stay the measured ones; sigma is ln(p95 / p50) / 1.645 of the measurement.
 */
record ServiceTimeModel(String name, Map<JobSize, Double> computeMedianSeconds, double computeSigma,
        double fetchSeconds, double storeAt1024Seconds, double storeSigma) {
    /** The z of the 95th percentile of a standard normal. */
    static final double Z95 = 1.6448536;

    ServiceTimeModel {
        computeMedianSeconds = new EnumMap<>(computeMedianSeconds);
    }

    static double sigmaFromP95OverP50(double p95, double p50) {
        return Math.log(p95 / p50) / Z95;
    }

    double sample(JobSize size, SplittableRandom random) {
        double compute = computeMedianSeconds.get(size) * Math.exp(computeSigma * random.nextGaussian());
        double store = storeAt1024Seconds * size.outputPixelsOver1024Squared() * Math.exp(storeSigma * random.nextGaussian());
        return compute + fetchSeconds + store;
    }

    /** Mean busy seconds per job of the mix (a log-normal of median m has mean m exp(sigma² / 2)). */
    double mean(JobMix mix) {
        double mean = 0;
        for (Map.Entry<JobSize, Double> e : mix.shares().entrySet()) {
            JobSize size = e.getKey();
            double compute = computeMedianSeconds.get(size) * Math.exp(computeSigma * computeSigma / 2);
            double store = storeAt1024Seconds * size.outputPixelsOver1024Squared() * Math.exp(storeSigma * storeSigma / 2);
            mean += e.getValue() * (compute + fetchSeconds + store);
        }
        return mean;
    }

    /** A sampler of this model's service times for jobs of {@code mix}, from its own seeded stream. */
    ServiceSampler sampler(JobMix mix, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return () -> sample(mix.sample(random), random);
    }
}
