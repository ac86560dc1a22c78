package dev.stylefleet.runtime;

/**
 * What the runtime tells a running job through {@link JobContext#onSignal}, for job logic that cannot
 * merely ask at its boundaries (a training step in TensorFlow is interrupted from outside).
 */
public enum JobSignal {
    /** A cancel of this job was read: end CANCELLED before storing anything more. */
    CANCEL,
    /** The worker is stopping (scale-in): finish within the grace, or suspend (checkpoint) and leave. */
    STOP,
    /** The stop's grace has passed: give up at the next boundary and write nothing more. */
    ABANDON
}
