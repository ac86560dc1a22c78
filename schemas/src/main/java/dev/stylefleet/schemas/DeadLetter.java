package dev.stylefleet.schemas;

import java.time.Instant;

/**
 * A message that could not be accepted, kept with the reason. Topic {@link Topics#DEAD_LETTER}.
 * {@code payload} is the original value as UTF-8 text (or base64 when it was not valid UTF-8).
 */
public record DeadLetter(
        int schemaVersion,
        String sourceTopic,
        int partition,
        long offset,
        String key,
        String payload,
        String reason,
        String consumer,
        Instant at) {}
