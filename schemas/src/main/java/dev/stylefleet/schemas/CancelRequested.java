package dev.stylefleet.schemas;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Asks whichever worker runs a job to stop it and end it CANCELLED. Topic {@link Topics#CANCELS}. */
@JsonClassDescription("Stop a job and end it CANCELLED. Topic stylefleet.cancels, key = jobId.")
public record CancelRequested(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.JOB_ID) String jobId,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.TENANT) String tenant,
        @JsonProperty(required = true) Instant requestedAt) {}
