package dev.stylefleet.train.job;

import dev.stylefleet.train.checkpoint.CheckpointStore;
import dev.stylefleet.schemas.CancelRequested;
import dev.stylefleet.platform.kafka.Cancels;
import dev.stylefleet.platform.kafka.DeadLetters;
import dev.stylefleet.schemas.InvalidMessageException;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.schemas.TrainJobRequested;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.train.vgg.Vgg16Weights;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The training worker: consumes {@link Topics#TRAIN_JOBS} (group {@code stylefleet-train}), trains
 * one job at a time ({@link TrainJobRunner}) and reports on {@link Topics#JOB_EVENTS}. Plain Java on
 * its own thread, so tests run it in-process.
 *
 * <p>Long jobs on Kafka: a job takes hours, far beyond {@code max.poll.interval.ms}. While one runs
 * (on a thread of its own), this loop pauses every assigned partition of the job topic and keeps
 * calling {@code poll()}, which returns nothing but keeps the member in the group; partitions
 * assigned by a rebalance during the job are paused too. The job's offset is committed only after
 * its terminal event (SUCCEEDED, FAILED, CANCELLED) is acknowledged; a worker that dies before that
 * leaves it uncommitted, and whoever gets the partition resumes it from its latest checkpoint in S3.
 *
 * <p>Cancels: a second consumer, without a group, is assigned every partition of
 * {@link Topics#CANCELS} (starting {@code cancelLookback} back) and polled in the same loop. A cancel
 * for the running job stops it before its next step and ends it CANCELLED; cancels for other jobs
 * are remembered, so such a job that reaches this worker later ends CANCELLED without training.
 *
 * <p>Stopping: {@link #stop} suspends the running job at its next step with a checkpoint and leaves
 * it uncommitted (another worker resumes it). When its grace passes first, or is zero, the job is
 * abandoned at the next step boundary without writing anything more, exactly what a crash leaves
 * behind; {@code stop(Duration.ZERO)} is therefore the in-process stand-in for killing the worker.
 * Either way the consumers close, so the group rebalances at once. Invalid job messages are
 * dead-lettered and committed past. {@link TrainJobListener} is the worker's one test seam.
 */
public final class TrainWorker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TrainWorker.class.getName());
    /** One job per poll: a fetched-but-waiting job would sit unavailable to the rest of the group. */
    static final int MAX_POLL_RECORDS = 1;
    static final String CONSUMER_NAME = "worker-train";
    /** Cancelled job ids remembered for jobs that have not reached this worker yet. */
    static final int REMEMBERED_CANCELS = 10_000;

    private final TrainWorkerSettings settings;
    private final ObjectStore store;
    private final ModelRegistry registry;
    private final CheckpointStore checkpoints;
    private final Supplier<Vgg16Weights> lossNetworkSource;
    private final TrainJobListener listener;
    private final Thread thread;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Map<String, Boolean> cancelled = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_CANCELS;
                }
            });
    private volatile Vgg16Weights lossNetwork;
    private volatile boolean halted;
    private volatile boolean running;
    private volatile Throwable failure;
    private volatile Current current;

    /** The job in hand. */
    private record Current(ConsumerRecord<String, byte[]> record, TrainJobRunner runner, Thread thread,
            JobEvent[] terminal, RuntimeException[] abandoned) {}

    /**
     * @param lossNetworkSource loads the VGG-16 weights (for example {@code Vgg16WeightsSource::load});
     *                          called when the first job needs them, again after a failure
     */
    public TrainWorker(TrainWorkerSettings settings, ObjectStore store, ModelRegistry registry,
            Supplier<Vgg16Weights> lossNetworkSource, TrainJobListener listener) {
        this.settings = settings;
        this.store = store;
        this.registry = registry;
        this.checkpoints = new CheckpointStore(store);
        this.lossNetworkSource = lossNetworkSource;
        this.listener = listener;
        this.thread = new Thread(this::run, "train-worker-" + settings.workerId());
    }

    public TrainWorker start() {
        running = true;
        thread.start();
        return this;
    }

    public String workerId() {
        return settings.workerId();
    }

    public boolean isRunning() {
        return running;
    }

    public Throwable failure() {
        return failure;
    }

    /** Id of the job being trained, or null. */
    public String currentJobId() {
        Current c = current;
        return c == null ? null : c.runner().jobId();
    }

    /**
     * Stops the worker: the running job is checkpointed at its next step and left uncommitted, for
     * another worker to resume; then the worker leaves the group. If that has not happened within
     * {@code grace} (at once for zero), the job is abandoned at its next step boundary with no further
     * checkpoint, event or commit, as a crash would leave it. From a listener callback (a worker
     * thread) it returns at once; from any other thread it waits for the loop to end.
     *
     * @return whether the loop has ended
     */
    public boolean stop(Duration grace) {
        if (grace.isZero() || grace.isNegative()) {
            abandon();
        } else {
            stopRequested.countDown();
            Current c = current;
            if (c != null) {
                c.runner().requestStop(TrainJobRunner.StopKind.SUSPEND);
            }
        }
        if (onWorkerThread()) {
            return !thread.isAlive();
        }
        // join(0) would wait forever: a zero grace goes straight to the abandoning wait.
        if (!grace.isZero() && !grace.isNegative() && awaitTermination(grace)) {
            return true;
        }
        abandon();
        return awaitTermination(settings.maxPollInterval());
    }

    @Override
    public void close() {
        stop(settings.maxPollInterval());
    }

    /** Gives up the job in hand at its next step boundary, writing nothing more. */
    private void abandon() {
        halted = true;
        stopRequested.countDown();
        Current c = current;
        if (c != null) {
            c.runner().requestStop(TrainJobRunner.StopKind.HALT);
        }
    }

    private boolean onWorkerThread() {
        Current c = current;
        return Thread.currentThread() == thread || (c != null && Thread.currentThread() == c.thread());
    }

    public boolean awaitTermination(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> jobs = new KafkaConsumer<>(consumerProperties(true));
                KafkaConsumer<String, byte[]> cancels = new KafkaConsumer<>(consumerProperties(false));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
            jobs.subscribe(List.of(Topics.TRAIN_JOBS), new PauseWhileBusy(jobs));
            assignCancels(cancels);
            LOG.log(Level.INFO, "train worker {0} consuming {1} as group {2}", settings.workerId(), Topics.TRAIN_JOBS,
                    settings.groupId());
            try {
                loop(jobs, cancels, producer);
            } finally {
                Current c = current;
                if (c != null) {
                    c.runner().requestStop(halted ? TrainJobRunner.StopKind.HALT : TrainJobRunner.StopKind.SUSPEND);
                    join(c.thread());
                    current = null;
                }
                if (halted) {
                    producer.close(Duration.ZERO);
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.log(Level.ERROR, "train worker " + settings.workerId() + " stopped by an unexpected error", e);
        } finally {
            running = false;
            LOG.log(Level.INFO, "train worker {0} stopped{1}", settings.workerId(),
                    halted ? ", abandoning the job in hand" : "");
        }
    }

    private void loop(KafkaConsumer<String, byte[]> jobs, KafkaConsumer<String, byte[]> cancels,
            KafkaProducer<String, byte[]> producer) {
        while (!stopping()) {
            ConsumerRecords<String, byte[]> records = jobs.poll(settings.pollTimeout());
            readCancels(cancels);
            Current c = current;
            if (c != null) {
                if (!records.isEmpty()) {
                    // Fetched before a pause took effect: give them back for after this job.
                    rewind(jobs, records);
                }
                if (!c.thread().isAlive()) {
                    finish(jobs, producer, c);
                }
                continue;
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                if (stopping()) {
                    break;
                }
                take(jobs, producer, record);
            }
        }
    }

    /** Decodes a job record and starts it (or ends it at once: invalid, already cancelled). */
    private void take(KafkaConsumer<String, byte[]> jobs, KafkaProducer<String, byte[]> producer,
            ConsumerRecord<String, byte[]> record) {
        TrainJobRequested job;
        try {
            job = Messages.TRAIN_JOB_REQUESTED.decode(record.value());
        } catch (InvalidMessageException e) {
            LOG.log(Level.WARNING, "dead-lettering {0}-{1}@{2} (key {3}): {4}", record.topic(), record.partition(),
                    record.offset(), record.key(), e.getMessage());
            try {
                DeadLetters.publish(producer, record, e.getMessage(), CONSUMER_NAME);
                commit(jobs, record);
            } catch (IllegalStateException notWritten) {
                LOG.log(Level.WARNING, "dead letter not written, will retry: {0}", notWritten.getMessage());
                jobs.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
            }
            return;
        }
        if (cancelled.containsKey(job.jobId())) {
            JobEvent event = JobEvent.of(job.jobId(), job.tenant(), JobKind.TRAIN, JobState.CANCELLED, settings.workerId());
            if (publish(producer, event)) {
                commit(jobs, record);
                LOG.log(Level.INFO, "job {0} was cancelled before it started", job.jobId());
            } else {
                jobs.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
            }
            return;
        }
        jobs.pause(jobs.assignment());
        TrainJobRunner runner = new TrainJobRunner(job, settings, store, registry, checkpoints, this::lossNetwork,
                event -> publishAsync(producer, event), listener);
        JobEvent[] terminal = new JobEvent[1];
        RuntimeException[] abandoned = new RuntimeException[1];
        Thread t = new Thread(() -> {
            try {
                terminal[0] = runner.run();
            } catch (RuntimeException e) {
                abandoned[0] = e;
            }
        }, "train-job-" + job.jobId());
        current = new Current(record, runner, t, terminal, abandoned);
        LOG.log(Level.INFO, "job {0} tenant={1} task={2} model={3} started (offset {4}-{5}@{6})", job.jobId(),
                job.tenant(), job.task(), job.modelId(), record.topic(), record.partition(), record.offset());
        t.start();
    }

    /** The job thread ended: publish its terminal event, commit, and take the next job. */
    private void finish(KafkaConsumer<String, byte[]> jobs, KafkaProducer<String, byte[]> producer, Current c) {
        current = null;
        ConsumerRecord<String, byte[]> record = c.record();
        JobEvent terminal = c.terminal()[0];
        if (terminal == null) {
            LOG.log(Level.INFO, "job {0} left uncommitted ({1}); it will be redelivered", c.runner().jobId(),
                    c.abandoned()[0] == null ? "no result" : c.abandoned()[0].getMessage());
            jobs.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
        } else if (publish(producer, terminal)) {
            commit(jobs, record);
            LOG.log(Level.INFO, "job {0} {1}{2}", terminal.jobId(), terminal.state(),
                    terminal.error() == null ? "" : " " + terminal.error().code() + ": " + terminal.error().message());
        } else {
            // The broker did not take the terminal event: run the job again (it resumes or re-succeeds).
            jobs.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
        jobs.resume(jobs.paused());
    }

    private void readCancels(KafkaConsumer<String, byte[]> cancels) {
        for (ConsumerRecord<String, byte[]> r : cancels.poll(Duration.ZERO)) {
            CancelRequested cancel = Cancels.read(r).orElse(null);
            if (cancel == null) {
                continue;
            }
            cancelled.put(cancel.jobId(), Boolean.TRUE);
            Current c = current;
            if (c != null && c.runner().jobId().equals(cancel.jobId())) {
                long stepsDone = c.runner().stepsDone();
                LOG.log(Level.INFO, "cancel of job {0} received after {1} steps", cancel.jobId(), stepsDone);
                c.runner().requestStop(TrainJobRunner.StopKind.CANCEL);
                listener.cancelReceived(cancel.jobId(), stepsDone);
            }
        }
    }

    private void assignCancels(KafkaConsumer<String, byte[]> cancels) {
        List<TopicPartition> partitions = new ArrayList<>();
        cancels.partitionsFor(Topics.CANCELS).forEach(p -> partitions.add(new TopicPartition(Topics.CANCELS, p.partition())));
        cancels.assign(partitions);
        long since = System.currentTimeMillis() - settings.cancelLookback().toMillis();
        Map<TopicPartition, Long> query = new LinkedHashMap<>();
        partitions.forEach(tp -> query.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = cancels.offsetsForTimes(query);
        List<TopicPartition> toEnd = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp o = offsets.get(tp);
            if (o == null) {
                toEnd.add(tp);
            } else {
                cancels.seek(tp, o.offset());
            }
        }
        cancels.seekToEnd(toEnd);
        // seekToEnd is lazy: resolve the positions now so a cancel sent after start-up is not skipped.
        toEnd.forEach(cancels::position);
    }

    private void rewind(KafkaConsumer<String, byte[]> jobs, ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            first.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
        }
        first.forEach(jobs::seek);
        jobs.pause(jobs.assignment());
    }

    /** Pauses partitions the group assigns while a job runs, so no second job is fetched. */
    private final class PauseWhileBusy implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> jobs;

        PauseWhileBusy(KafkaConsumer<String, byte[]> jobs) {
            this.jobs = jobs;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (current != null) {
                jobs.pause(partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Current c = current;
            if (c != null && partitions.contains(new TopicPartition(c.record().topic(), c.record().partition()))) {
                // The job keeps running; its commit will fail and the new owner may resume it from the
                // latest checkpoint meanwhile: at-least-once, with idempotent effects.
                LOG.log(Level.WARNING, "the partition of running job {0} was revoked", c.runner().jobId());
            }
        }
    }

    private synchronized Vgg16Weights lossNetwork() {
        if (lossNetwork == null) {
            lossNetwork = lossNetworkSource.get();
        }
        return lossNetwork;
    }

    private boolean publish(KafkaProducer<String, byte[]> producer, JobEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, Topics.key(event.jobId()),
                    Messages.JOB_EVENT.encode(event))).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.log(Level.WARNING, "event {0} of job {1} not acknowledged: {2}", event.state(), event.jobId(), e.toString());
            return false;
        }
    }

    /** Progress is fire-and-forget: a lost progress event is superseded by the next one. */
    private void publishAsync(KafkaProducer<String, byte[]> producer, JobEvent event) {
        if (halted) {
            return;
        }
        try {
            producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, Topics.key(event.jobId()),
                    Messages.JOB_EVENT.encode(event)), (md, e) -> {
                        if (e != null) {
                            LOG.log(Level.WARNING, "progress of job {0} not sent: {1}", event.jobId(), e.toString());
                        }
                    });
        } catch (KafkaException | IllegalStateException e) {
            LOG.log(Level.WARNING, "progress of job {0} not sent: {1}", event.jobId(), e.toString());
        }
    }

    private void commit(KafkaConsumer<String, byte[]> jobs, ConsumerRecord<String, byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        try {
            jobs.commitSync(Map.of(tp, new OffsetAndMetadata(record.offset() + 1)));
        } catch (KafkaException e) {
            LOG.log(Level.WARNING, "commit of {0}@{1} failed: {2}", tp, record.offset(), e.getMessage());
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Properties consumerProperties(boolean group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        if (group) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, "train-" + settings.workerId());
            // A group with no committed offset yet must still run jobs submitted before it first joined.
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
            p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(settings.sessionTimeout().toMillis()));
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(settings.sessionTimeout().toMillis() / 3));
            p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(settings.maxPollInterval().toMillis()));
        } else {
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, "train-cancels-" + settings.workerId());
        }
        return p;
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "train-events-" + settings.workerId());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
