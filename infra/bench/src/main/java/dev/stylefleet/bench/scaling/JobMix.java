package dev.stylefleet.bench.scaling;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/** The share of each {@link JobSize} among jobs; sizes are drawn independently per job. */
record JobMix(Map<JobSize, Double> shares) {
    JobMix {
        shares = new EnumMap<>(shares);
        double sum = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("shares must sum to 1: " + shares);
        }
    }

    JobSize sample(SplittableRandom random) {
        double u = random.nextDouble();
        JobSize last = null;
        for (Map.Entry<JobSize, Double> e : shares.entrySet()) {
            last = e.getKey();
            u -= e.getValue();
            if (u < 0) {
                return last;
            }
        }
        return last;
    }
}
