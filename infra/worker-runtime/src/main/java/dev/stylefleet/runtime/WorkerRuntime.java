package dev.stylefleet.runtime;

import dev.stylefleet.runtime.cancels.CancelReader;
import dev.stylefleet.runtime.cancels.CancelledJobs;
import dev.stylefleet.runtime.offsets.OffsetBook;
import dev.stylefleet.schemas.InvalidMessageException;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Topics;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer runtime both workers run on: consumes the {@link JobHandler}'s topic as a member of the
 * worker group, runs at most {@code concurrency} jobs at once on its own job threads, and reports them
 * on {@link Topics#JOB_EVENTS}. Plain Java on its own thread, so tests and other modules run it in-process.
 *
 * <p>Fetching: records are fetched only for free slots ({@code max.poll.records} is the concurrency,
 * and records beyond the free slots are given back by seeking to them). While every slot is busy the
 * loop pauses all assigned partitions and keeps polling, which fetches nothing but keeps the member in
 * the group however long its jobs take: a training job of hours runs with {@code concurrency} 1.
 *
 * <p>Delivery is at-least-once. Auto-commit is off; a job's offset is committed only after its
 * terminal event has been acknowledged by the broker, and with several jobs in flight only up to the
 * lowest unfinished one ({@link OffsetBook}). A worker that dies before that leaves the job
 * uncommitted, and the group hands it to another worker, which runs it again: job effects are
 * idempotent per job id. A record that is no valid job is dead-lettered with the reason and committed
 * past; so is one whose job logic throws (a bug: a retry would fail the same way forever).
 *
 * <p>Cancels: a {@link CancelReader} (its own consumer, outside the group) follows
 * {@link Topics#CANCELS} into a bounded, expiring {@link CancelledJobs}, read back {@code cancel-lookback}
 * before the first job is polled. A polled job already cancelled is not run: CANCELLED is published
 * and its offset committed. A running job sees the cancel through its {@link JobContext}.
 *
 * <p>Stopping ({@link #stop(Duration)}, the service's SIGTERM): no more jobs are taken and the jobs in
 * hand are told {@link JobSignal#STOP}; they get the grace to finish, or to leave themselves
 * uncommitted (training suspends with a checkpoint). A job still running when the grace has passed is
 * abandoned at its next boundary, with no terminal event and no commit, exactly what a crash leaves
 * behind. Finished offsets are committed, the consumer closes (leaving the group, so it rebalances at
 * once instead of after the session timeout), and one log line says what became of each job in hand.
 * {@code stop(Duration.ZERO)} is therefore the in-process stand-in for killing the worker: tests call
 * it from the {@link JobStageListener} at the stage where the crash should land.
 *
 * @param <J> the handler's decoded job
 */
public final class WorkerRuntime<J> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WorkerRuntime.class.getName());

    /** Set on job threads while they run a job, so that {@link #stop} from a listener does not wait on itself. */
    private static final ThreadLocal<Boolean> IN_JOB = new ThreadLocal<>();

    private final RuntimeSettings settings;
    private final JobHandler<J> handler;
    private final JobStageListener listener;
    private final CancelledJobs cancelled;
    private final Thread thread;
    private final ExecutorService pool;
    private final LinkedBlockingDeque<Finished> finished = new LinkedBlockingDeque<>();
    /** Jobs running now, by job id: the targets of cancels and stop signals. */
    private final Map<String, RunningJob> inHand = new ConcurrentHashMap<>();
    /** What became of each job in hand once a stop was requested, for the one stop log line. */
    private final Map<String, String> fates = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicBoolean abandonSignalled = new AtomicBoolean();
    /**
     * Jobs on the pool now, counted from submit to the end of the task. Free slots are counted from this,
     * not from the offset book: a job whose partition was handed over (or lost) leaves the book but may
     * still be running, and the pool must not queue new records behind it.
     */
    private final AtomicInteger onPool = new AtomicInteger();
    /** Partitions being revoked while their jobs finish or suspend (loop thread only, inside poll). */
    private final Set<TopicPartition> handingOver = new HashSet<>();
    private volatile EventPublisher events;
    /** Set by {@link #stop}: take no more jobs. */
    private volatile boolean stopRequested;
    private volatile Duration stopGrace;
    /** {@link System#nanoTime()} from which jobs still in hand are abandoned; meaningful once stop was requested. */
    private volatile long abandonAt;
    private volatile boolean running;
    private volatile Throwable failure;

    public WorkerRuntime(RuntimeSettings settings, JobHandler<J> handler, JobStageListener listener) {
        this.settings = settings;
        this.handler = handler;
        this.listener = listener;
        this.cancelled = new CancelledJobs(settings.cancels());
        this.thread = new Thread(this::run, handler.name() + "-worker-" + settings.workerId());
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, handler.name() + "-job-" + settings.workerId() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the consumer loop on the runtime's own thread. */
    public WorkerRuntime<J> start() {
        running = true;
        thread.start();
        return this;
    }

    public String workerId() {
        return settings.workerId();
    }

    public RuntimeSettings settings() {
        return settings;
    }

    /** True while the loop runs; false once it stopped or died (see {@link #failure()}). */
    public boolean isRunning() {
        return running;
    }

    /** What ended the loop when it was not stopped. */
    public Throwable failure() {
        return failure;
    }

    /** Ids of the jobs running now. */
    public List<String> jobsInHand() {
        return List.copyOf(inHand.keySet());
    }

    public WorkerHealth health() {
        Throwable f = failure;
        return new WorkerHealth(running, settings.workerId(), jobsInHand(), f == null ? null : f.toString());
    }

    /**
     * Stops taking jobs and tells the jobs in hand to stop; they get {@code grace} to finish (terminal
     * event published, offset committed) or to leave themselves uncommitted. Whatever is still running
     * then is abandoned uncommitted at its next boundary, and the group redelivers it. Waits for the loop
     * to end, except when called from a job's own thread (a {@link JobStageListener}), where it returns
     * at once. A second call can only shorten the grace.
     *
     * @return whether the loop has ended
     */
    public boolean stop(Duration grace) {
        long at = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            if (!stopRequested || at - abandonAt < 0) {
                abandonAt = at;
                stopGrace = grace;
            }
            stopRequested = true;
        }
        inHand.values().forEach(j -> j.signal(JobSignal.STOP));
        if (abandoning()) {
            signalAbandon();
        }
        if (Thread.currentThread() == thread || IN_JOB.get() != null) {
            return !thread.isAlive();
        }
        // The grace, then one poll for the loop to notice and the event acknowledgements of the last jobs.
        return awaitTermination(grace.plus(settings.pollTimeout()).plus(settings.sendTimeout()));
    }

    /** {@link #stop(Duration)} with the configured {@code shutdown-timeout}. */
    @Override
    public void close() {
        stop(settings.shutdownTimeout());
    }

    public boolean awaitTermination(Duration timeout) {
        if (!thread.isAlive()) {
            return true;
        }
        try {
            thread.join(Math.max(1, timeout.toMillis()));
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

    private void signalAbandon() {
        if (abandonSignalled.compareAndSet(false, true)) {
            inHand.values().forEach(j -> j.signal(JobSignal.ABANDON));
        }
    }

    /** A record's job has ended on a job thread; the loop thread (which owns the consumer) books it. */
    private record Finished(ConsumerRecord<String, byte[]> record, String outcome, JobAbandoned abandoned) {}

    private void run() {
        String name = handler.name();
        try (CancelReader cancels = new CancelReader(settings.bootstrapServers(), name + "-cancels-"
                        + settings.workerId(), cancelled, settings.cancels().lookback(), settings.pollTimeout(),
                        this::cancelRead).start();
                KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                        ClientProperties.jobConsumer(settings, name + "-" + settings.workerId()));
                EventPublisher publisher = new EventPublisher(settings, name + "-events-" + settings.workerId())) {
            events = publisher;
            // Cancels of queued jobs first: a job polled right after start-up must not run if it was cancelled.
            if (!cancels.awaitCaughtUp(settings.sendTimeout())) {
                LOG.log(Level.WARNING, "{0} worker {1}: recent cancels not read within {2}; starting anyway", name,
                        settings.workerId(), settings.sendTimeout());
            }
            if (settings.groupProtocol() == GroupProtocol.CONSUMER) {
                GroupSessionTimeout.apply(settings.bootstrapServers(), settings.groupId(), settings.sessionTimeout(),
                        settings.sendTimeout());
            }
            OffsetBook book = new OffsetBook();
            consumer.subscribe(List.of(handler.topic()), new Rebalances(consumer, book));
            LOG.log(Level.INFO, "{0} worker {1} consuming {2} as group {3} ({4} protocol), {5} jobs at once", name,
                    settings.workerId(), handler.topic(), settings.groupId(), settings.groupProtocol().kafkaName(),
                    settings.concurrency());
            try {
                consume(consumer, book);
                drain(consumer, book);
            } finally {
                // No interrupts: an abandoned job stops at its next boundary; interrupting it mid-I/O
                // would only turn the abandonment into a confusing storage error.
                pool.shutdown();
                if (abandoning()) {
                    // Leave without the graceful close's wait; nothing uncommitted may be committed.
                    publisher.closeNow();
                }
                // Leave the group explicitly: a static member (group-instance-id) would otherwise stay in it
                // and hold its partitions until its session expires. The resource's close() after this is a no-op.
                consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            // Logged once here; health reports the failure and the orchestrator restarts the process.
            LOG.log(Level.ERROR, name + " worker " + settings.workerId() + " stopped by an unexpected error", e);
        } finally {
            running = false;
            handler.stopped();
            if (stopRequested) {
                logStop();
            }
        }
    }

    /** The loop proper: fetch for free slots, book finished jobs, until a stop is requested. */
    private void consume(KafkaConsumer<String, byte[]> consumer, OffsetBook book) {
        while (!stopping()) {
            settle(consumer, book);
            if (stopping()) {
                break;
            }
            int free = settings.concurrency() - onPool.get();
            // At capacity: keep polling (group membership, rebalances) but fetch nothing.
            if (free <= 0) {
                consumer.pause(consumer.assignment());
            } else {
                consumer.resume(consumer.paused());
            }
            ConsumerRecords<String, byte[]> records = consumer.poll(free <= 0 ? Duration.ZERO : settings.pollTimeout());
            take(consumer, book, records, free);
            if (free <= 0) {
                awaitFinished(settings.pollTimeout());
            }
        }
    }

    /** Stopping: fetch nothing more; jobs in hand get the grace to finish and be committed. */
    private void drain(KafkaConsumer<String, byte[]> consumer, OffsetBook book) {
        consumer.pause(consumer.assignment());
        while (onPool.get() > 0 && !abandoning()) {
            awaitFinished(settings.pollTimeout());
            settle(consumer, book);
            consumer.poll(Duration.ZERO);
        }
        settle(consumer, book);
        if (abandoning()) {
            signalAbandon();
        }
    }

    /**
     * Starts a job for each record while slots are free; the rest are given back (the consumer is sought
     * to the first one not taken of each partition), so no record waits unstarted in this worker.
     */
    private void take(KafkaConsumer<String, byte[]> consumer, OffsetBook book,
            ConsumerRecords<String, byte[]> records, int free) {
        Map<TopicPartition, Long> giveBack = new HashMap<>();
        int slots = free;
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            if (giveBack.containsKey(tp)) {
                continue;
            }
            if (slots > 0 && !stopping()) {
                book.started(record);
                submit(record);
                slots--;
            } else {
                giveBack.put(tp, record.offset());
            }
        }
        giveBack.forEach(consumer::seek);
    }

    /** Runs the record's job on the pool; its end is reported through {@link #finished}. */
    private void submit(ConsumerRecord<String, byte[]> record) {
        onPool.incrementAndGet();
        pool.execute(() -> {
            IN_JOB.set(true);
            JobAbandoned abandoned = null;
            String outcome = null;
            try {
                outcome = handle(record);
            } catch (JobAbandoned e) {
                abandoned = e;
            } catch (RuntimeException | Error e) {
                if (abandoning()) {
                    abandoned = new JobAbandoned("worker stopped: " + e.getMessage());
                } else {
                    // A bug, not a bad message: retrying would fail the same way forever, so park the
                    // record where people look and move on.
                    LOG.log(Level.ERROR, "record " + record.topic() + "-" + record.partition() + "@"
                            + record.offset() + " broke the worker; dead-lettering it", e);
                    try {
                        events.deadLetter(record, "worker error: " + e, consumerName());
                        outcome = "dead-lettered (worker error)";
                    } catch (JobAbandoned notWritten) {
                        abandoned = notWritten;
                    }
                }
            } finally {
                IN_JOB.remove();
                onPool.decrementAndGet();
                finished.add(new Finished(record, outcome, abandoned));
            }
        });
    }

    private String consumerName() {
        return "worker-" + handler.name();
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
    private void settle(KafkaConsumer<String, byte[]> consumer, OffsetBook book) {
        Finished f;
        while ((f = finished.poll()) != null) {
            ConsumerRecord<String, byte[]> record = f.record();
            if (f.abandoned() == null) {
                book.done(record);
                if (stopping()) {
                    fates.put(record.key(), f.outcome() + ", committed");
                }
            } else if (handingOver.contains(new TopicPartition(record.topic(), record.partition()))) {
                // Suspended (or given up) because its partition is moving: the new owner takes it from here.
                book.abandoned(record);
            } else if (stopping()) {
                // Closing without a commit: the group redelivers the record.
                book.abandoned(record);
                fates.put(record.key(), "left uncommitted for redelivery (" + f.abandoned().getMessage() + ")");
            } else if (book.tracks(record)) {
                // Infrastructure trouble (events not acknowledged): run the record again.
                LOG.log(Level.WARNING, "job at {0}-{1}@{2} not finished, will retry: {3}", record.topic(),
                        record.partition(), record.offset(), f.abandoned().getMessage());
                submit(record);
            }
        }
        if (!abandoning()) {
            // Also offers again a commit a rebalance refused (the book keeps it until accepted).
            commit(consumer, book, book.committable(book.partitions()));
        }
    }

    /** Runs one record to its terminal event (or dead letter); returns what happened. */
    private String handle(ConsumerRecord<String, byte[]> record) {
        J job;
        try {
            job = handler.decode(record.value());
        } catch (InvalidMessageException e) {
            LOG.log(Level.WARNING, "dead-lettering {0}-{1}@{2} (key {3}): {4}", record.topic(),
                    record.partition(), record.offset(), record.key(), e.getMessage());
            events.deadLetter(record, e.getMessage(), consumerName());
            return "dead-lettered (invalid)";
        }
        String jobId = handler.jobId(job);
        if (cancelled.contains(jobId)) {
            // The gateway's fold keeps the first terminal event; the offset is committed, nothing is run.
            events.publish(event(job, JobState.CANCELLED).withError(JobState.CANCELLED.name(),
                    "cancelled before it started (" + Topics.CANCELS + "); not run"));
            LOG.log(Level.INFO, "job {0} tenant={1} was cancelled before it started; not run", jobId,
                    handler.tenant(job));
            listener.reached(jobId, JobStageListener.Stage.TERMINAL_PUBLISHED);
            abandonIfStopped();
            return "CANCELLED before it started";
        }
        RunningJob context = new RunningJob(jobId);
        inHand.put(jobId, context);
        try {
            // RUNNING is not awaited here: the job's work overlaps its round trip to the broker. The idempotent
            // producer keeps the job's events in order on its partition, and the acknowledgement is awaited
            // before the terminal event is sent, so a RUNNING that cannot be written still abandons the job.
            Future<RecordMetadata> taken = handler.publishesRunningWhenTaken() ? events.send(event(job, JobState.RUNNING)) : null;
            listener.reached(jobId, JobStageListener.Stage.TAKEN);
            abandonIfStopped();
            JobResult result = handler.run(job, context);
            if (result.terminal() == null) {
                throw new JobAbandoned(result.leftUncommittedWhy());
            }
            abandonIfStopped();
            if (taken != null) {
                events.await(taken, JobState.RUNNING, jobId);
            }
            events.publish(result.terminal());
            listener.reached(jobId, JobStageListener.Stage.TERMINAL_PUBLISHED);
            abandonIfStopped();
            return result.terminal().state().name();
        } finally {
            inHand.remove(jobId, context);
        }
    }

    private JobEvent event(J job, JobState state) {
        return JobEvent.of(handler.jobId(job), handler.tenant(job), handler.kind(), state, settings.workerId());
    }

    private void abandonIfStopped() {
        if (abandoning()) {
            throw new JobAbandoned("worker stopped");
        }
    }

    /** The cancel reader read a new cancel: tell the listener and the job, if it runs here. */
    private void cancelRead(String jobId) {
        listener.reached(jobId, JobStageListener.Stage.CANCEL_SEEN);
        RunningJob job = inHand.get(jobId);
        if (job != null) {
            job.signal(JobSignal.CANCEL);
        }
    }

    /** Commits the given positions; tells the listener about every job whose offset it covers. */
    private void commit(KafkaConsumer<String, byte[]> consumer, OffsetBook book,
            Map<TopicPartition, OffsetBook.Commit> commits) {
        if (commits.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        commits.forEach((tp, c) -> offsets.put(tp, new OffsetAndMetadata(c.offset())));
        try {
            consumer.commitSync(offsets);
            book.committed(commits);
            commits.values().forEach(c -> c.keys().forEach(k -> listener.reached(k, JobStageListener.Stage.COMMITTED)));
        } catch (KafkaException e) {
            // A rebalance in progress (offered again after the next poll: the book keeps the entries), or the
            // partition was taken while the job ran: whoever owns it now may run the job again, with the same
            // effects (at-least-once, idempotent).
            LOG.log(Level.WARNING, "commit of {0} failed: {1}", offsets, e.getMessage());
        }
    }

    /** The one line a stop leaves: how it went and what became of each job in hand. */
    private void logStop() {
        List<String> jobs = new ArrayList<>();
        synchronized (fates) {
            fates.forEach((job, fate) -> jobs.add(job + ": " + fate));
        }
        inHand.keySet().forEach(job -> jobs.add(job + ": still running when the grace passed, abandoned "
                + "uncommitted at its next boundary (redelivered)"));
        LOG.log(Level.INFO, "{0} worker {1} stopped (grace {2}{3}), consumer closed and group {4} left; jobs in hand: {5}",
                handler.name(), settings.workerId(), stopGrace, abandoning() ? ", passed" : "", settings.groupId(),
                jobs.isEmpty() ? "none" : String.join("; ", jobs));
    }

    /** Keeps the offset book and the pause in step with what the group assigns. */
    private final class Rebalances implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> consumer;
        private final OffsetBook book;

        Rebalances(KafkaConsumer<String, byte[]> consumer, OffsetBook book) {
            this.consumer = consumer;
            this.book = book;
        }

        /**
         * A partition leaving this worker is a scale-in for the jobs on it: they are told {@link JobSignal#STOP}
         * and get {@code shutdown-timeout} to finish (inference) or to suspend with a checkpoint (training)
         * before the partition is handed over, and what finished is committed while the partition is still
         * ours. Without this wait the new owner would fetch from the last commit and run the same jobs a
         * second time while they still ran here (measured: about 0.5 % of jobs ran twice at each scale
         * event, docs/benchmarks.md). A job still running when the bound passes is left to the new owner
         * (at-least-once, idempotent effects). The wait holds this member's poll, so it delays the
         * rebalance by at most {@code shutdown-timeout}.
         */
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            List<String> running = book.running(partitions);
            if (!running.isEmpty()) {
                handingOver.addAll(partitions);
                try {
                    running.forEach(key -> {
                        RunningJob job = inHand.get(key);
                        if (job != null) {
                            job.signal(JobSignal.STOP);
                        }
                    });
                    long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
                    while (!book.running(partitions).isEmpty() && System.nanoTime() - deadline < 0 && !abandoning()) {
                        awaitFinished(settings.pollTimeout());
                        settle(consumer, book);
                    }
                    List<String> left = book.running(partitions);
                    LOG.log(Level.INFO, "{0} worker {1}: partitions {2} revoked; {3} job(s) finished or suspended "
                            + "before the hand-over{4}", handler.name(), settings.workerId(), partitions,
                            running.size() - left.size(), left.isEmpty() ? "" : ", still running (left to the "
                                    + "new owner): " + left);
                } finally {
                    handingOver.removeAll(partitions);
                }
            }
            commit(consumer, book, book.committable(partitions));
            book.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Partitions assigned while every slot is busy (or while stopping) fetch nothing either.
            if (stopping() || onPool.get() >= settings.concurrency()) {
                consumer.pause(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            book.forget(partitions);
        }
    }

    /** One running job's view of the runtime. */
    private final class RunningJob implements JobContext {
        private final String jobId;
        private final List<Consumer<JobSignal>> receivers = new CopyOnWriteArrayList<>();

        RunningJob(String jobId) {
            this.jobId = jobId;
        }

        /** Told to stop on its own: its partition is being handed over (a rebalance), not the whole worker. */
        private volatile boolean handedOver;

        void signal(JobSignal s) {
            if (s == JobSignal.STOP) {
                handedOver = true;
            }
            receivers.forEach(r -> r.accept(s));
        }

        @Override
        public String workerId() {
            return settings.workerId();
        }

        @Override
        public boolean cancelRequested() {
            return cancelled.contains(jobId);
        }

        @Override
        public boolean stopRequested() {
            return stopRequested || handedOver;
        }

        @Override
        public boolean abandoning() {
            return WorkerRuntime.this.abandoning();
        }

        @Override
        public void abandonIfStopped() {
            WorkerRuntime.this.abandonIfStopped();
        }

        @Override
        public void onSignal(Consumer<JobSignal> signals) {
            receivers.add(signals);
            if (cancelRequested()) {
                signals.accept(JobSignal.CANCEL);
            }
            if (stopRequested()) {
                signals.accept(JobSignal.STOP);
            }
            if (abandoning()) {
                signals.accept(JobSignal.ABANDON);
            }
        }

        @Override
        public void progress(JobEvent event) {
            if (!abandoning()) {
                events.progress(event);
            }
        }

        @Override
        public void resultStored() {
            listener.reached(jobId, JobStageListener.Stage.RESULT_STORED);
            abandonIfStopped();
        }
    }
}
