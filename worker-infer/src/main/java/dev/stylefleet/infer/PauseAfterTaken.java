package dev.stylefleet.infer;

import dev.stylefleet.runtime.JobStageListener;
import java.time.Duration;

/**
 * {@code stylefleet.infer.pause-before-run} as a {@link JobStageListener}: holds each job for the configured
 * time once the worker has taken it (RUNNING sent), so that the fleet's process-level crash test can kill the
 * worker process mid-job. Zero, the production value, installs no listener at all. In-process tests need no
 * config key: they pass their own listener to the worker.
 *
 * <p>A stop does not wait out the hold: once its grace has passed the held job is abandoned uncommitted
 * at its next stage boundary, as a kill would leave it.
 */
final class PauseAfterTaken implements JobStageListener {
    private final Duration pause;

    private PauseAfterTaken(Duration pause) {
        this.pause = pause;
    }

    static JobStageListener of(Duration pause) {
        return pause.isZero() || pause.isNegative() ? JobStageListener.NONE : new PauseAfterTaken(pause);
    }

    @Override
    public void reached(String jobId, Stage stage) {
        if (stage != Stage.TAKEN) {
            return;
        }
        try {
            // A hold, not a synchronisation: nothing waits for it to end.
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
