package dev.stylefleet.infer.pipeline;

import dev.stylefleet.infer.model.ModelRunner;

/**
 * Asked by a running job at its stage boundaries (before each model run, that is between tiles, and
 * before the result upload): throws {@link JobCancelled} once the job has been cancelled. The
 * worker's check looks the job up in its {@code CancelledJobs} (messaging); tests and the benchmark pass
 * {@link #NONE}.
 */
@FunctionalInterface
public interface CancelCheck {
    CancelCheck NONE = () -> {};

    /** @throws JobCancelled when the job was cancelled */
    void check();

    /** {@code runner}, checking before every run: a tiled job stops between two tiles. */
    default ModelRunner guard(ModelRunner runner) {
        if (this == NONE) {
            return runner;
        }
        return (nchw, h, w) -> {
            check();
            return runner.run(nchw, h, w);
        };
    }
}
