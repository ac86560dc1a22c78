package dev.stylefleet.schemas;

import java.time.Instant;

/** Asks whichever worker runs a job to stop it and end it CANCELLED. Topic {@link Topics#CANCELS}. */
public record CancelRequested(int schemaVersion, String jobId, String tenant, Instant requestedAt) {}
