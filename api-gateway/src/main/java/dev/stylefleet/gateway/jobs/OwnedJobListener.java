package dev.stylefleet.gateway.jobs;

import java.util.function.Predicate;

/**
 * What the {@link JobRecorder} tells about the jobs whose events partition this replica owns, after
 * it has folded and recorded their events. Declared here and implemented above (the callbacks package
 * delivers on it), so that job state never depends on what reacts to it. Called on the recorder's
 * thread: an implementation hands the work off and returns.
 */
public interface OwnedJobListener {

    /** The job is in a terminal state: on the event that ended it, and again when its partition is assigned. */
    void terminal(Job job);

    /** The job, not terminal, reported new progress. */
    void progress(Job job);

    /** This replica no longer owns the jobs matching {@code jobId} (their partition moved, or the recorder stopped). */
    void released(Predicate<String> jobId);
}
