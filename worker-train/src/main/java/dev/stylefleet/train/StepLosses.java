package dev.stylefleet.train;

import java.util.Map;

/**
 * The losses of one training step, measured on the step's batch before its update.
 *
 * @param step   the step number, 1 for the first step of a job
 * @param losses each weighted term ({@code content}, {@code style}, {@code tv}, {@code pixel}, as the
 *               job's objective has them) and {@value #TOTAL}, their sum
 */
public record StepLosses(long step, Map<String, Double> losses) {
    public static final String TOTAL = "total";

    public StepLosses {
        losses = Map.copyOf(losses);
    }

    public double total() {
        return losses.get(TOTAL);
    }
}
