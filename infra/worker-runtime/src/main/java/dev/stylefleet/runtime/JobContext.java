package dev.stylefleet.runtime;

import dev.stylefleet.schemas.JobEvent;
import java.util.function.Consumer;

/**
 * What the runtime offers a job while its {@link JobHandler} runs it: cancel and stop checks for the
 * job's boundaries, signals for logic that must be interrupted from outside, progress events, and the
 * test seam's result stage. Thread-safe.
 */
public interface JobContext {
    /** Written into every JobEvent this worker publishes. */
    String workerId();

    /** A cancel of this job has been read (it may also have arrived before the job started). */
    boolean cancelRequested();

    /**
     * The worker was asked to stop (scale-in): an inference job finishes within the grace, a training
     * job suspends at once with a checkpoint and leaves itself uncommitted.
     */
    boolean stopRequested();

    /** The stop's grace has passed: the job is given up; nothing more may be written. */
    boolean abandoning();

    /** Throws {@link JobAbandoned} once {@link #abandoning()}: ask it at every stage boundary. */
    void abandonIfStopped();

    /**
     * Calls {@code signals} for each {@link JobSignal} from now on (on the thread that raised it: the cancel
     * reader, the stopping caller, the loop); a cancel or stop already requested is signalled at once. The
     * callback must be quick and must not throw.
     */
    void onSignal(Consumer<JobSignal> signals);

    /** Publishes a progress (RUNNING) event without waiting: a lost one is superseded by the next. */
    void progress(JobEvent event);

    /** Tells the {@link JobStageListener} that the job's output is stored, then {@link #abandonIfStopped}. */
    void resultStored();
}
