package dev.stylefleet.infer.messaging;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;
import dev.stylefleet.infer.model.ModelSessions;
import dev.stylefleet.infer.pipeline.CancelCheck;
import dev.stylefleet.infer.pipeline.InferJobProcessor;
import dev.stylefleet.infer.pipeline.InferMetrics;
import dev.stylefleet.infer.pipeline.InferenceSettings;
import dev.stylefleet.infer.pipeline.JobCancelled;

import ai.onnxruntime.OrtEnvironment;
import dev.stylefleet.platform.kafka.DeadLetters;
import dev.stylefleet.schemas.InferJobRequested;
import dev.stylefleet.schemas.InvalidMessageException;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The inference worker: consumes {@link Topics#INFER_JOBS}, runs each job, reports it on
 * {@link Topics#JOB_EVENTS}. Plain Java on its own thread, so tests and other modules run it in-process.
 *
 * <p>Delivery is at-least-once. Auto-commit is off; a job's offset is committed only after its
 * terminal event (SUCCEEDED or FAILED) has been acknowledged by the broker. A worker that dies before
 * that leaves the job uncommitted, and the group hands it to another worker, which runs it again: the
 * result key depends on the job id only, so the rerun overwrites the same object. A message that does
 * not satisfy its schema is dead-lettered with the reason and committed past; it never stops the loop.
 *
 * <p>Cancels: a {@link CancelReader} (its own consumer, outside the group) follows
 * {@link Topics#CANCELS} into a bounded, expiring {@link CancelledJobs}; the worker reads the cancels
 * of the last {@code cancel-lookback} before it polls its first job. A polled job that is already
 * cancelled is not run: CANCELLED is published (the gateway's fold keeps the first terminal event) and
 * its offset committed, no result is written. A running job asks at its stage boundaries (before each
 * model run, that is between tiles, and before the upload) and ends CANCELLED, having written nothing.
 *
 * <p>Stopping: {@link #stop(Duration)} takes no more jobs and gives the jobs in hand that grace to
 * finish and commit. A job still running when it has passed is abandoned at its next stage boundary
 * (between tiles, before the upload, before its terminal event) with no terminal event and no commit,
 * exactly what a crash leaves behind; the consumer is still closed, so the group rebalances at once
 * instead of after the session timeout. {@code stop(Duration.ZERO)} is therefore the in-process
 * stand-in for killing the worker: tests call it from the {@link JobStageListener} (the one test seam)
 * at the stage where the crash should land.
 */
public final class InferWorker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(InferWorker.class.getName());

    /** Set on pool threads while they run a job, so that {@link #stop} from a listener does not wait on itself. */
    private static final ThreadLocal<Boolean> IN_JOB = new ThreadLocal<>();
    /**
     * Error messages are for people and can embed arbitrary exception text; bounded so that an event
     * can never approach the broker's message size limit (which would make it unpublishable).
     */
    static final int MAX_ERROR_MESSAGE_CHARS = 2000;
    /** Name written into dead letters as the consumer that refused the message. */
    static final String CONSUMER_NAME = "worker-infer";

    private final InferWorkerSettings settings;
    private final InferJobProcessor processor;
    private final ModelSessions sessions;
    private final JobStageListener listener;
    /** Jobs a CancelRequested was read for, filled by the cancel reader while the loop runs. */
    private final CancelledJobs cancelled;
    private final Thread thread;
    /**
     * Jobs run on this pool, at most {@code concurrency} at once (so concurrent jobs can meet in the
     * micro-batcher); at most that many records are fetched per poll and none while all are busy, so
     * records are never held unstarted for long.
     */
    private final ExecutorService pool;
    private final int concurrency;
    private final LinkedBlockingDeque<Finished> finished = new LinkedBlockingDeque<>();
    private final InferMetrics metrics;
    /** Set by {@link #stop}: take no more jobs. */
    private volatile boolean stopRequested;
    /** {@link System#nanoTime()} from which jobs still in hand are abandoned; meaningful once stop was requested. */
    private volatile long abandonAt;
    private volatile boolean running;
    private volatile Throwable failure;

    public InferWorker(InferWorkerSettings settings, ObjectStore store, ModelRegistry registry) {
        this(settings, store, registry, JobStageListener.NONE);
    }

    public InferWorker(InferWorkerSettings settings, ObjectStore store, ModelRegistry registry,
            JobStageListener listener) {
        this(settings, store, registry, listener, InferMetrics.NONE);
    }

    public InferWorker(InferWorkerSettings settings, ObjectStore store, ModelRegistry registry,
            JobStageListener listener, InferMetrics metrics) {
        this.settings = settings;
        this.listener = listener;
        this.metrics = metrics;
        InferenceSettings inference = settings.inference();
        this.sessions = new ModelSessions(OrtEnvironment.getEnvironment(), settings.intraOpThreads(),
                inference.device(), inference.modelCacheBytes(), settings.modelCacheSize(), metrics);
        this.processor = new InferJobProcessor(store, registry, sessions, settings.maxOutputPixels(), inference,
                metrics, settings.modelLookupTtl());
        this.concurrency = inference.concurrency();
        this.cancelled = new CancelledJobs(settings.cancels());
        this.thread = new Thread(this::run, "infer-worker-" + settings.workerId());
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "infer-job-" + settings.workerId() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** How warming one model went: its time, or why it failed. */
    public record Warmed(ModelManifest model, double millis, String error) {}

    /**
     * Loads each model's session and runs one {@code size} x {@code size} image through it (see
     * {@link InferJobProcessor#warm}), on the calling thread: call it before {@link #start()}, so the
     * first jobs find the sessions ready. A model that fails is logged and skipped (its jobs will fail
     * with the same code); the others are still warmed. Only as many models as the session cache holds
     * are warmed, the first ones given.
     */
    public List<Warmed> warm(List<ModelManifest> models, int size) {
        List<Warmed> out = new java.util.ArrayList<>();
        for (ModelManifest m : models) {
            if (out.size() >= settings.modelCacheSize()) {
                LOG.log(Level.WARNING, "infer worker {0}: not warming {1} and later models: the session cache "
                        + "holds {2} (stylefleet.infer.model-cache-size)", settings.workerId(), m.modelId(),
                        settings.modelCacheSize());
                break;
            }
            try {
                double ms = processor.warm(m, size);
                out.add(new Warmed(m, ms, null));
                LOG.log(Level.INFO, "infer worker {0}: warmed {1}/{2} in {3} ms", settings.workerId(), m.modelId(),
                        m.version(), ms);
            } catch (RuntimeException e) {
                out.add(new Warmed(m, Double.NaN, e.getMessage()));
                LOG.log(Level.ERROR, "infer worker " + settings.workerId() + ": warming " + m.modelId() + "/"
                        + m.version() + " failed; its jobs will fail the same way", e);
            }
        }
        return out;
    }

    /** Starts the consumer loop on the worker's own thread. */
    public InferWorker start() {
        running = true;
        thread.start();
        return this;
    }

    public String workerId() {
        return settings.workerId();
    }

    /** True while the loop runs; false once it stopped or died (see {@link #failure()}). */
    public boolean isRunning() {
        return running;
    }

    /** What ended the loop when it was not stopped. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Stops taking jobs; the jobs in hand get {@code grace} to finish (terminal event published, offset
     * committed). Whatever is still running then is abandoned uncommitted at its next stage boundary, and
     * the group redelivers it. Waits for the loop to end, except when called from a job's own thread (a
     * {@link JobStageListener}), where it returns at once. A second call can only shorten the grace.
     *
     * @return whether the loop has ended
     */
    public boolean stop(Duration grace) {
        long at = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            if (!stopRequested || at - abandonAt < 0) {
                abandonAt = at;
            }
            stopRequested = true;
        }
        if (Thread.currentThread() == thread || IN_JOB.get() != null) {
            return !thread.isAlive();
        }
        // The grace, then one poll for the loop to notice and the consumer's close.
        return awaitTermination(grace.plus(settings.pollTimeout()).plus(settings.sendTimeout()));
    }

    /** {@link #stop(Duration)} with the configured max poll interval, the longest a job may take. */
    @Override
    public void close() {
        stop(settings.maxPollInterval());
    }

    public boolean awaitTermination(Duration timeout) {
        if (!thread.isAlive()) {
            return true;
        }
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private boolean stopping() {
        return stopRequested;
    }

    /** Stop was requested and its grace has passed: jobs still in hand are given up. */
    private boolean abandoning() {
        return stopRequested && System.nanoTime() - abandonAt >= 0;
    }

    /** Why a job was not finished: it will be redelivered (to this worker or another). */
    private static final class Abandoned extends RuntimeException {
        Abandoned(String why) {
            super(why, null, false, false);
        }
    }

    /** A record's job has ended on a pool thread; the loop thread (which owns the consumer) books it. */
    private record Finished(ConsumerRecord<String, byte[]> record, Abandoned abandoned) {}

    private void run() {
        try (CancelReader cancels = new CancelReader(settings.bootstrapServers(), settings.workerId(), cancelled,
                        settings.cancels().lookback(), settings.pollTimeout(), listener).start();
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties());
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
            // Cancels of queued jobs first: a job polled right after start-up must not run if it was cancelled.
            if (!cancels.awaitCaughtUp(settings.sendTimeout())) {
                LOG.log(Level.WARNING, "infer worker {0}: recent cancels not read within {1}; starting anyway",
                        settings.workerId(), settings.sendTimeout());
            }
            OffsetBook book = new OffsetBook();
            consumer.subscribe(List.of(Topics.INFER_JOBS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // Commit what is finished while the partitions are still ours; jobs still running
                    // on them will be run again by the new owner (idempotent results).
                    commit(consumer, book.committable(partitions));
                    book.forget(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    book.forget(partitions);
                }
            });
            LOG.log(Level.INFO, "infer worker {0} consuming {1} as group {2}, {3} jobs at once", settings.workerId(),
                    Topics.INFER_JOBS, settings.groupId(), concurrency);
            try {
                while (!stopping()) {
                    settle(consumer, producer, book);
                    if (stopping()) {
                        break;
                    }
                    boolean full = book.inFlight() >= concurrency;
                    // At capacity: keep polling (group membership, rebalances) but fetch nothing.
                    if (full) {
                        consumer.pause(consumer.assignment());
                    } else {
                        consumer.resume(consumer.paused());
                    }
                    ConsumerRecords<String, byte[]> records = consumer.poll(full ? Duration.ZERO : settings.pollTimeout());
                    for (ConsumerRecord<String, byte[]> record : records) {
                        book.started(record);
                        submit(record, producer);
                    }
                    if (full) {
                        awaitFinished(settings.pollTimeout());
                    }
                }
                // Stopping: fetch nothing more; jobs in hand get the grace to finish and be committed.
                consumer.pause(consumer.assignment());
                while (book.inFlight() > 0 && !abandoning()) {
                    awaitFinished(settings.pollTimeout());
                    settle(consumer, producer, book);
                    consumer.poll(Duration.ZERO);
                }
            } finally {
                // No interrupts: an abandoned job stops at its next stage boundary; interrupting it mid-I/O
                // would only turn the abandonment into a confusing storage error.
                pool.shutdown();
                if (abandoning()) {
                    // Leave without the graceful close's wait; nothing uncommitted may be committed.
                    producer.close(Duration.ZERO);
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            // Logged once here; health reports the failure and the orchestrator restarts the process.
            LOG.log(Level.ERROR, "infer worker " + settings.workerId() + " stopped by an unexpected error", e);
        } finally {
            running = false;
            sessions.close();
            LOG.log(Level.INFO, "infer worker {0} stopped{1}", settings.workerId(),
                    abandoning() ? ", abandoning the jobs still in hand" : "");
        }
    }

    /** Runs the record's job on the pool; its end is reported through {@link #finished}. */
    private void submit(ConsumerRecord<String, byte[]> record, KafkaProducer<String, byte[]> producer) {
        pool.execute(() -> {
            IN_JOB.set(true);
            Abandoned abandoned = null;
            try {
                handle(record, producer);
            } catch (Abandoned e) {
                abandoned = e;
            } catch (RuntimeException e) {
                if (abandoning()) {
                    abandoned = new Abandoned("worker stopped: " + e.getMessage());
                } else {
                    // A bug, not a bad message: retrying would fail the same way forever, so park the
                    // record where people look and move on.
                    LOG.log(Level.ERROR, "record " + record.topic() + "-" + record.partition() + "@"
                            + record.offset() + " broke the worker; dead-lettering it", e);
                    try {
                        DeadLetters.publish(producer, record, "worker error: " + e, CONSUMER_NAME);
                    } catch (RuntimeException notWritten) {
                        abandoned = new Abandoned("dead letter not written: " + notWritten.getMessage());
                    }
                }
            } finally {
                IN_JOB.remove();
                finished.add(new Finished(record, abandoned));
            }
        });
    }

    private void awaitFinished(Duration timeout) {
        try {
            Finished f = finished.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (f != null) {
                finished.addFirst(f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Books every finished job: commits what can be, reruns what infrastructure trouble abandoned. */
    private void settle(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, byte[]> producer,
            OffsetBook book) {
        Finished f;
        boolean any = false;
        while ((f = finished.poll()) != null) {
            ConsumerRecord<String, byte[]> record = f.record();
            if (f.abandoned() == null) {
                book.done(record);
                any = true;
            } else if (stopping()) {
                // Closing without a commit: the group redelivers the record.
                book.abandoned(record);
                LOG.log(Level.INFO, "job {0} abandoned uncommitted ({1}); it will be redelivered", record.key(),
                        f.abandoned().getMessage());
            } else if (book.tracks(record)) {
                // Infrastructure trouble (events not acknowledged): run the record again.
                LOG.log(Level.WARNING, "job at {0}-{1}@{2} not finished, will retry: {3}", record.topic(),
                        record.partition(), record.offset(), f.abandoned().getMessage());
                submit(record, producer);
            }
        }
        if (any && !abandoning()) {
            Map<TopicPartition, OffsetBook.Commit> commits = book.committable(book.partitions());
            commit(consumer, commits);
        }
    }

    /** Runs one record to its terminal event (or dead letter). Throws {@link Abandoned} if it could not. */
    private void handle(ConsumerRecord<String, byte[]> record, KafkaProducer<String, byte[]> producer) {
        InferJobRequested job;
        try {
            job = Messages.INFER_JOB_REQUESTED.decode(record.value());
        } catch (InvalidMessageException e) {
            LOG.log(Level.WARNING, "dead-lettering {0}-{1}@{2} (key {3}): {4}", record.topic(),
                    record.partition(), record.offset(), record.key(), e.getMessage());
            try {
                DeadLetters.publish(producer, record, e.getMessage(), CONSUMER_NAME);
            } catch (IllegalStateException notWritten) {
                throw new Abandoned("dead letter not written: " + notWritten.getMessage());
            }
            return;
        }

        if (cancelled.contains(job.jobId())) {
            skipCancelled(job, producer);
            return;
        }
        long started = System.nanoTime();
        // RUNNING is not awaited here: the job's work overlaps its round trip to the broker. The idempotent
        // producer keeps the job's events in order on its partition, and the acknowledgement is awaited
        // before the terminal event is sent, so a RUNNING that cannot be written still abandons the job.
        Future<RecordMetadata> running = send(producer,
                JobEvent.of(job.jobId(), job.tenant(), JobKind.INFER, JobState.RUNNING, settings.workerId()));
        checkpoint(job, JobStageListener.Stage.TAKEN);

        JobEvent terminal;
        String summary;
        String outcomeCode;
        try {
            InferJobProcessor.Outcome outcome = processor.process(job, cancelCheck(job));
            listener.reached(job.jobId(), JobStageListener.Stage.RESULT_STORED);
            terminal = JobEvent.of(job.jobId(), job.tenant(), JobKind.INFER, JobState.SUCCEEDED, settings.workerId())
                    .withResult(outcome.result());
            summary = "SUCCEEDED version=" + outcome.model().version() + " "
                    + outcome.inputWidth() + "x" + outcome.inputHeight() + " -> " + outcome.result().width() + "x"
                    + outcome.result().height() + " " + outcome.result().key();
            outcomeCode = "SUCCEEDED";
        } catch (Abandoned e) {
            throw e;
        } catch (JobCancelled e) {
            terminal = cancelledEvent(job, e.getMessage());
            summary = "CANCELLED while running; no result stored";
            outcomeCode = JobState.CANCELLED.name();
        } catch (JobFailure e) {
            terminal = failed(job, e.code(), e.getMessage());
            summary = "FAILED " + e.code() + ": " + e.getMessage();
            outcomeCode = e.code().name();
        } catch (RuntimeException e) {
            if (abandoning()) {
                throw new Abandoned("worker stopped");
            }
            LOG.log(Level.ERROR, "job " + job.jobId() + " failed unexpectedly", e);
            terminal = failed(job, ErrorCode.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage());
            summary = "FAILED INTERNAL: " + e;
            outcomeCode = ErrorCode.INTERNAL.name();
        }
        checkpoint(job, null);
        await(running, JobState.RUNNING, job.jobId());
        publish(producer, terminal);
        long nanos = System.nanoTime() - started;
        metrics.job(job.model(), outcomeCode, nanos);
        LOG.log(Level.INFO, "job {0} tenant={1} task={2} model={3} {4} in {5} ms", job.jobId(), job.tenant(),
                job.task(), job.model(), summary, nanos / 1_000_000);
        checkpoint(job, JobStageListener.Stage.TERMINAL_PUBLISHED);
    }

    /**
     * Throws {@link JobCancelled} once a cancel of the job has been read, and abandons the job once a
     * stop's grace has passed: both are asked at the job's stage boundaries.
     */
    private CancelCheck cancelCheck(InferJobRequested job) {
        return () -> {
            if (abandoning()) {
                throw new Abandoned("worker stopped");
            }
            if (cancelled.contains(job.jobId())) {
                throw new JobCancelled("cancelled while running (" + Topics.CANCELS + "); stopped before "
                        + "storing a result");
            }
        };
    }

    /** A polled job that is already cancelled: CANCELLED, no RUNNING, nothing run or stored. */
    private void skipCancelled(InferJobRequested job, KafkaProducer<String, byte[]> producer) {
        publish(producer, cancelledEvent(job, "cancelled before it started (" + Topics.CANCELS + "); not run"));
        LOG.log(Level.INFO, "job {0} tenant={1} was cancelled before it started; not run", job.jobId(), job.tenant());
        checkpoint(job, JobStageListener.Stage.TERMINAL_PUBLISHED);
    }

    /** Same code as the gateway's own CANCELLED event, so readers see one kind of cancel. */
    private JobEvent cancelledEvent(InferJobRequested job, String message) {
        return JobEvent.of(job.jobId(), job.tenant(), JobKind.INFER, JobState.CANCELLED, settings.workerId())
                .withError(JobState.CANCELLED.name(), message);
    }

    private JobEvent failed(InferJobRequested job, ErrorCode code, String message) {
        String m = message == null ? code.name() : message;
        if (m.length() > MAX_ERROR_MESSAGE_CHARS) {
            m = m.substring(0, MAX_ERROR_MESSAGE_CHARS) + "...";
        }
        return JobEvent.of(job.jobId(), job.tenant(), JobKind.INFER, JobState.FAILED, settings.workerId())
                .withError(code.name(), m);
    }

    /** Tells the listener (when a stage is given), then abandons the job if a stop's grace has passed. */
    private void checkpoint(InferJobRequested job, JobStageListener.Stage stage) {
        if (stage != null) {
            listener.reached(job.jobId(), stage);
        }
        if (abandoning()) {
            throw new Abandoned("worker stopped");
        }
    }

    /** Sends an event and waits for the broker's acknowledgement. */
    private void publish(KafkaProducer<String, byte[]> producer, JobEvent event) {
        await(send(producer, event), event.state(), event.jobId());
    }

    /** Hands an event to the producer; {@link #await} its acknowledgement. */
    private Future<RecordMetadata> send(KafkaProducer<String, byte[]> producer, JobEvent event) {
        try {
            return producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, Topics.key(event.jobId()),
                    Messages.JOB_EVENT.encode(event)));
        } catch (KafkaException e) {
            throw new Abandoned("event " + event.state() + " of job " + event.jobId() + " not sent: " + e);
        }
    }

    private void await(Future<RecordMetadata> sent, JobState state, String jobId) {
        try {
            sent.get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Abandoned("interrupted while publishing " + state);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new Abandoned("event " + state + " of job " + jobId + " not acknowledged: " + e);
        }
    }

    /** Commits the given positions; tells the listener about every job whose offset it covers. */
    private void commit(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, OffsetBook.Commit> commits) {
        if (commits.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        commits.forEach((tp, c) -> offsets.put(tp, new OffsetAndMetadata(c.offset())));
        try {
            consumer.commitSync(offsets);
            commits.values().forEach(c -> c.keys().forEach(k -> listener.reached(k, JobStageListener.Stage.COMMITTED)));
        } catch (KafkaException e) {
            // Typically a rebalance took the partition while the job ran (it outlived
            // max.poll.interval). The job is finished; whoever owns the partition now may run it
            // again, which overwrites the same result: at-least-once, idempotent.
            LOG.log(Level.WARNING, "commit of {0} failed: {1}", offsets, e.getMessage());
        }
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "infer-" + settings.workerId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A group with no committed offset yet must still run jobs submitted before it first joined.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(concurrency));
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(settings.sessionTimeout().toMillis()));
        // The classic protocol wants heartbeats at most a third of the session timeout apart.
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(settings.sessionTimeout().toMillis() / 3));
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(settings.maxPollInterval().toMillis()));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "infer-events-" + settings.workerId());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Kafka 4 clients wait 5 ms by default for more records to batch with; a worker sends a few events
        // per job, each on the job's critical path, so every one goes at once.
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
