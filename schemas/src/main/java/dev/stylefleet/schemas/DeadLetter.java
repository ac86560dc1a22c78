package dev.stylefleet.schemas;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A message that could not be accepted, kept with the reason. Topic {@link Topics#DEAD_LETTER}.
 * {@code payload} is the original value as UTF-8 text (or base64 when it was not valid UTF-8).
 */
@JsonClassDescription("A message a consumer could not accept, with the reason. Topic stylefleet.dead-letter.")
public record DeadLetter(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String sourceTopic,
        @JsonProperty(required = true) @SchemaRule(minimum = 0) int partition,
        @JsonProperty(required = true) @SchemaRule(minimum = 0) long offset,
        String key,
        String payload,
        @JsonProperty(required = true) @SchemaRule(minLength = 1) String reason,
        @JsonProperty(required = true) String consumer,
        @JsonProperty(required = true) Instant at) {}
