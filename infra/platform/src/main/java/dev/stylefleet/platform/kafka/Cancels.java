package dev.stylefleet.platform.kafka;

import dev.stylefleet.schemas.CancelRequested;
import dev.stylefleet.schemas.InvalidMessageException;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import java.lang.System.Logger.Level;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reading {@link Topics#CANCELS} as every worker does: each worker reads every cancel (outside any
 * consumer group), so a tombstone or an invalid message is skipped with a warning rather than
 * dead-lettered, which would file one letter per worker.
 */
public final class Cancels {
    private static final System.Logger LOG = System.getLogger(Cancels.class.getName());

    private Cancels() {}

    /** The cancel a record holds, or empty for a tombstone or an invalid message (logged). */
    public static Optional<CancelRequested> read(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Messages.CANCEL_REQUESTED.decode(r.value()));
        } catch (InvalidMessageException e) {
            LOG.log(Level.WARNING, "ignoring an invalid cancel at {0}-{1}@{2}: {3}", r.topic(), r.partition(),
                    r.offset(), e.getMessage());
            return Optional.empty();
        }
    }
}
