package dev.stylefleet.platform.kafka;

import dev.stylefleet.schemas.DeadLetter;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Moves a message a consumer cannot accept to {@link Topics#DEAD_LETTER} with the reason, so that it
 * is neither dropped silently nor allowed to crash the consumer. The send is awaited: a consumer
 * commits past the bad record only once its dead letter is safely written.
 */
public final class DeadLetters {
    private DeadLetters() {}

    public static void publish(Producer<String, byte[]> producer, ConsumerRecord<String, byte[]> record,
            String reason, String consumer) {
        DeadLetter letter = new DeadLetter(Messages.SCHEMA_VERSION, record.topic(), record.partition(),
                record.offset(), record.key(), text(record.value()), reason, consumer, Instant.now());
        try {
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTER, record.key(),
                    Messages.DEAD_LETTER.encode(letter))).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write dead letter for " + record.topic() + "@"
                    + record.partition() + ":" + record.offset(), e);
        }
    }

    private static String text(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(value);
        }
    }
}
