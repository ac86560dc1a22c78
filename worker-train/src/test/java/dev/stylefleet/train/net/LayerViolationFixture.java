package dev.stylefleet.train.net;

import dev.stylefleet.train.job.TrainWorker;

/**
 * A deliberate layer violation for {@code TrainArchitectureRulesFailTest}: {@code net} must not use
 * the job layer. Test code only; the architecture rules import main classes only.
 */
public final class LayerViolationFixture {
    private LayerViolationFixture() {}

    static String describe(TrainWorker worker) {
        return worker.toString();
    }
}
