package dev.stylefleet.runtime;

import dev.stylefleet.platform.kafka.DeadLetters;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * A worker's one producer: job events on {@link Topics#JOB_EVENTS} (keyed by job id, so a job's events
 * stay in order on one partition) and dead letters. Terminal events are awaited; an event that is not
 * acknowledged within {@code sendTimeout} abandons the job ({@link JobAbandoned}), which is then run
 * again or redelivered. Used from job threads at once (KafkaProducer is thread-safe).
 */
final class EventPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventPublisher.class.getName());

    private final KafkaProducer<String, byte[]> producer;
    private final Duration sendTimeout;

    EventPublisher(RuntimeSettings settings, String clientId) {
        this.producer = new KafkaProducer<>(ClientProperties.eventProducer(settings, clientId));
        this.sendTimeout = settings.sendTimeout();
    }

    /** Hands an event to the producer; {@link #await} its acknowledgement. */
    Future<RecordMetadata> send(JobEvent event) {
        try {
            return producer.send(record(event));
        } catch (KafkaException e) {
            throw new JobAbandoned("event " + event.state() + " of job " + event.jobId() + " not sent: " + e);
        }
    }

    void await(Future<RecordMetadata> sent, JobState state, String jobId) {
        try {
            sent.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobAbandoned("interrupted while publishing " + state);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new JobAbandoned("event " + state + " of job " + jobId + " not acknowledged: " + e);
        }
    }

    /** Sends an event and waits for the broker's acknowledgement. */
    void publish(JobEvent event) {
        await(send(event), event.state(), event.jobId());
    }

    /** Fire-and-forget: a lost progress event is superseded by the next one. */
    void progress(JobEvent event) {
        try {
            producer.send(record(event), (md, e) -> {
                if (e != null) {
                    LOG.log(Level.WARNING, "progress of job {0} not sent: {1}", event.jobId(), e.toString());
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            LOG.log(Level.WARNING, "progress of job {0} not sent: {1}", event.jobId(), e.toString());
        }
    }

    /** Parks a record with the reason; {@link JobAbandoned} when the letter was not written (retried). */
    void deadLetter(ConsumerRecord<String, byte[]> record, String reason, String consumerName) {
        try {
            DeadLetters.publish(producer, record, reason, consumerName);
        } catch (RuntimeException notWritten) {
            throw new JobAbandoned("dead letter not written: " + notWritten.getMessage());
        }
    }

    /** Closes without the graceful close's wait: nothing still buffered may be sent after an abandon. */
    void closeNow() {
        producer.close(Duration.ZERO);
    }

    @Override
    public void close() {
        producer.close();
    }

    private static ProducerRecord<String, byte[]> record(JobEvent event) {
        return new ProducerRecord<>(Topics.JOB_EVENTS, Topics.key(event.jobId()), Messages.JOB_EVENT.encode(event));
    }
}
