package dev.stylefleet.schemas;

/** The life of a job. SUCCEEDED, FAILED and CANCELLED are terminal: every accepted job reaches one. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
