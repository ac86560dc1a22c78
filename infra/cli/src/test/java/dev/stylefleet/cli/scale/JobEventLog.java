package dev.stylefleet.cli.scale;

import dev.stylefleet.infra.JobEventTap;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Every job event published from its construction on, read by a background thread (no consumer group)
 * and kept in memory, for a scale run's accounting and for its load clients, which wait here for their
 * jobs to end. Not local-stack's {@code JobEventTap}: that one is polled from one test thread, while
 * here many client threads wait at once and the events keep arriving while nobody asks.
 */
public final class JobEventLog implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    /** Guarded by {@code this}; waiters are woken on every batch. */
    private final List<JobEvent> events = new ArrayList<>();
    private final Map<String, List<JobEvent>> byJob = new HashMap<>();
    /** When each event of {@link #events} was read, same index. */
    private final List<Instant> readAt = new ArrayList<>();
    private volatile RuntimeException failure;

    public JobEventLog(String bootstrapServers) {
        consumer = JobEventTap.fromNow(bootstrapServers, List.of(Topics.JOB_EVENTS));
        reader = new Thread(this::read, "job-event-log");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<JobEvent> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    if (r.value() != null) { // null: a tombstone of the gateway's job retention
                        batch.add(Messages.JOB_EVENT.decode(r.value()));
                    }
                }
                if (!batch.isEmpty()) {
                    Instant now = Instant.now();
                    synchronized (this) {
                        for (JobEvent e : batch) {
                            events.add(e);
                            readAt.add(now);
                            byJob.computeIfAbsent(e.jobId(), k -> new ArrayList<>()).add(e);
                        }
                        notifyAll();
                    }
                }
            }
        } catch (WakeupException closing) {
            // close() ends the loop
        } catch (RuntimeException e) {
            failure = e;
            synchronized (this) {
                notifyAll();
            }
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    /** Every event read so far, in the order read (per job: publication order). */
    public synchronized List<JobEvent> all() {
        check();
        return List.copyOf(events);
    }

    /** An event and when this log read it (a worker's stamp may be older: published after a broker outage). */
    public record Received(Instant readAt, JobEvent event) {}

    /** Every event read so far with when it was read, in the order read. */
    public synchronized List<Received> received() {
        check();
        List<Received> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            out.add(new Received(readAt.get(i), events.get(i)));
        }
        return out;
    }

    /** The job's events read so far, in order. */
    public synchronized List<JobEvent> events(String jobId) {
        check();
        return List.copyOf(byJob.getOrDefault(jobId, List.of()));
    }

    /** The job's first terminal event, waiting up to {@code timeout} for it; empty if none came. */
    public Optional<JobEvent> awaitTerminal(String jobId, Duration timeout) throws InterruptedException {
        return await(timeout, () -> byJob.getOrDefault(jobId, List.of()).stream()
                .filter(e -> e.state().terminal()).findFirst());
    }

    /** The first event (in read order) that matches, waiting up to {@code timeout} for one; empty if none came. */
    public Optional<JobEvent> awaitEvent(Predicate<JobEvent> match, Duration timeout) throws InterruptedException {
        return await(timeout, () -> events.stream().filter(match).findFirst());
    }

    /** Waits up to {@code timeout} until at least {@code n} events match. */
    public boolean awaitCount(Predicate<JobEvent> match, long n, Duration timeout) throws InterruptedException {
        return await(timeout, () -> events.stream().filter(match).count() >= n ? Optional.of(true) : Optional.empty())
                .isPresent();
    }

    /** Waits until every job of {@code jobIds} has a terminal event, up to {@code timeout}. */
    public boolean awaitAllTerminal(List<String> jobIds, Duration timeout) throws InterruptedException {
        return await(timeout, () -> jobIds.stream().allMatch(id -> byJob.getOrDefault(id, List.of()).stream()
                .anyMatch(e -> e.state().terminal())) ? Optional.of(true) : Optional.empty()).isPresent();
    }

    /** A RUNNING event published by {@code workerId}. */
    public static Predicate<JobEvent> runningOn(String workerId) {
        return e -> e.state() == JobState.RUNNING && workerId.equals(e.worker());
    }

    private synchronized <T> Optional<T> await(Duration timeout, java.util.function.Supplier<Optional<T>> found)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            check();
            Optional<T> r = found.get();
            long left = deadline - System.nanoTime();
            if (r.isPresent() || left <= 0) {
                return r;
            }
            // Woken by the reader on every batch; the deadline bounds the wait.
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private void check() {
        if (failure != null) {
            throw new IllegalStateException("reading " + Topics.JOB_EVENTS + " failed", failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        reader.join(POLL.multipliedBy(10).toMillis());
    }
}
