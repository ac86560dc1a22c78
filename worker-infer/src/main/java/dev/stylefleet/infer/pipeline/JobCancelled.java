package dev.stylefleet.infer.pipeline;

/**
 * Ends a job CANCELLED (not FAILED): a {@code CancelRequested} for it arrived while it ran. Thrown
 * at a stage boundary (between tiles, before the result upload) by {@link CancelCheck}; nothing the
 * job has not written yet gets written, and nothing is deleted.
 */
public final class JobCancelled extends RuntimeException {
    public JobCancelled(String message) {
        // No stack trace: a cancel is an expected way for a job to end, not a fault.
        super(message, null, false, false);
    }
}
