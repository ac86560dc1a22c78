package dev.stylefleet.gateway.jobs;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.schemas.CancelRequested;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobRecord;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.schemas.TrainJobRequested;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.stylefleet.platform.kafka.BoundedProducer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the gateway's messages to Kafka, keyed by job id, and waits for each acknowledgement: a
 * submission is only answered 202 once its messages are durably on the broker. Idempotent producer
 * with acks=all, so an internal retry cannot duplicate or reorder messages of one job.
 */
@ApplicationScoped
public class JobPublisher {
    private final String bootstrapServers;
    private final Duration timeout;
    private Producer<String, byte[]> producer;
    /** One daemon thread for {@link #sendAndForget}: hand-overs that may block must not block a request. */
    private final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stylefleet-gateway-failed-events");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public JobPublisher(GatewayConfig config) {
        this(config.kafka().bootstrapServers(), config.gateway().enqueueTimeout());
    }

    public JobPublisher(String bootstrapServers, Duration enqueueTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = enqueueTimeout;
    }

    @PostConstruct
    public void start() {
        producer = new KafkaProducer<>(producerProperties(bootstrapServers, "stylefleet-gateway", timeout),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The gateway's producer settings: acknowledged by all replicas, idempotent, sent at once, every
     * wait bounded by {@code timeout}. Shared by every producer of the gateway.
     */
    static Properties producerProperties(String bootstrapServers, String clientId, Duration timeout) {
        return BoundedProducer.properties(bootstrapServers, clientId, timeout);
    }

    @PreDestroy
    public void stop() {
        background.shutdown();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    public void publish(JobEvent event) throws EnqueueException {
        send(Topics.JOB_EVENTS, event.jobId(), Messages.JOB_EVENT.encode(event));
    }

    public void publish(InferJobRequested request) throws EnqueueException {
        send(Topics.INFER_JOBS, request.jobId(), Messages.INFER_JOB_REQUESTED.encode(request));
    }

    public void publish(TrainJobRequested request) throws EnqueueException {
        send(Topics.TRAIN_JOBS, request.jobId(), Messages.TRAIN_JOB_REQUESTED.encode(request));
    }

    public void publish(CancelRequested cancel) throws EnqueueException {
        send(Topics.CANCELS, cancel.jobId(), Messages.CANCEL_REQUESTED.encode(cancel));
    }

    public void publish(JobRecord record) throws EnqueueException {
        send(Topics.JOB_RECORDS, record.jobId(), Messages.JOB_RECORD.encode(record));
    }

    /** Hands a record to the producer without waiting; see {@link #await}. */
    Future<?> sendRecord(JobRecord record) throws EnqueueException {
        return sendAsync(Topics.JOB_RECORDS, record.jobId(), Messages.JOB_RECORD.encode(record));
    }

    /**
     * Hands an event to the producer on a thread of its own and returns at once; {@code onFailure} hears
     * of a delivery that failed. For the FAILED event after an enqueue failure: the client's 503 must not
     * wait for a broker that just did not answer (the job is FAILED locally already), and during an
     * outage send() itself may block up to the enqueue timeout waiting for the topic's metadata.
     */
    void sendAndForget(JobEvent event, java.util.function.Consumer<Exception> onFailure) {
        background.execute(() -> {
            try {
                producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, Topics.key(event.jobId()),
                        Messages.JOB_EVENT.encode(event)), (metadata, e) -> {
                            if (e != null) {
                                onFailure.accept(e);
                            }
                        });
            } catch (RuntimeException e) {
                onFailure.accept(e);
            }
        });
    }

    /** Hands an event to the producer without waiting; see {@link #await}. */
    Future<?> sendAsync(JobEvent event) throws EnqueueException {
        return sendAsync(Topics.JOB_EVENTS, event.jobId(), Messages.JOB_EVENT.encode(event));
    }

    Future<?> sendAsync(InferJobRequested request) throws EnqueueException {
        return sendAsync(Topics.INFER_JOBS, request.jobId(), Messages.INFER_JOB_REQUESTED.encode(request));
    }

    Future<?> sendAsync(TrainJobRequested request) throws EnqueueException {
        return sendAsync(Topics.TRAIN_JOBS, request.jobId(), Messages.TRAIN_JOB_REQUESTED.encode(request));
    }

    private Future<?> sendAsync(String topic, String jobId, byte[] value) throws EnqueueException {
        try {
            return producer.send(new ProducerRecord<>(topic, Topics.key(jobId), value));
        } catch (RuntimeException e) {
            throw new EnqueueException(topic, e);
        }
    }

    /** Waits for the acknowledgements of messages handed over by the send methods. */
    void await(List<Future<?>> sent) throws EnqueueException {
        for (Future<?> f : sent) {
            try {
                f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnqueueException("Kafka", e);
            } catch (ExecutionException e) {
                throw new EnqueueException("Kafka", e.getCause());
            } catch (TimeoutException | RuntimeException e) {
                throw new EnqueueException("Kafka", e);
            }
        }
    }

    private void send(String topic, String jobId, byte[] value) throws EnqueueException {
        try {
            producer.send(new ProducerRecord<>(topic, Topics.key(jobId), value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnqueueException(topic, e);
        } catch (ExecutionException e) {
            throw new EnqueueException(topic, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw new EnqueueException(topic, e);
        }
    }

    /** A message could not be written (or its acknowledgement did not arrive in time). */
    public static final class EnqueueException extends Exception {
        EnqueueException(String topic, Throwable cause) {
            super("could not write to " + topic + ": " + cause, cause);
        }
    }
}
