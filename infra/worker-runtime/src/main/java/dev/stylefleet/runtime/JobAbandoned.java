package dev.stylefleet.runtime;

/**
 * Why a job was not finished: no terminal event, no commit, so the group redelivers it (to this worker
 * or another). Thrown by {@link JobContext#abandonIfStopped} once a stop's grace has passed, and by the
 * runtime when a job's events cannot be published. Job logic may throw it too, to leave its job
 * uncommitted from deep inside (training's suspend with a checkpoint).
 */
public final class JobAbandoned extends RuntimeException {
    public JobAbandoned(String why) {
        super(why, null, false, false);
    }
}
