package dev.stylefleet.gateway.jobs;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.ObjectKeys;
import dev.stylefleet.schemas.Topics;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.platform.storage.StorageException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Bounds job state: an inference job that ended more than {@code stylefleet.api.job-retention} ago is
 * removed. A periodic sweep on every replica picks such jobs among those whose events partition this
 * replica owns ({@link JobRecorder}), so each job is removed by one replica, and for each:
 * <ol>
 *   <li>deletes its input and result objects (keys from {@link ObjectKeys});</li>
 *   <li>writes a tombstone for the job's key on the events topic, waits for it, then one on the records
 *       topic: compaction then drops every message of the job, and a replica that reads the records
 *       tombstone has the events one behind it;</li>
 *   <li>forgets the job; every other replica forgets it when its reader meets a tombstone.</li>
 * </ol>
 * That order makes a failure safe: until the tombstones are written the job is still known and the
 * next sweep tries again (deleting objects twice is harmless), and no object can outlive its job.
 * Non-owners never drop a job on their own, so all replicas switch to 404 together, at the tombstone.
 *
 * <p>Training jobs are kept: they are the styles ({@code GET /v1/styles}), which outlive their job.
 * Jobs that never end are kept too (their state is not final, there is nothing to expire from).
 */
@ApplicationScoped
public class JobRetention {
    private static final Logger LOG = Logger.getLogger(JobRetention.class);
    /** Bounds of the sweep interval (a tenth of the retention): not busy for tiny retentions, prompt for long ones. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_INTERVAL = Duration.ofMinutes(1);

    private final JobStore store;
    private final JobRecorder recorder;
    private final ObjectStore objects;
    private final String bootstrapServers;
    private final Duration sendTimeout;
    private final Duration retention;
    private ScheduledExecutorService sweeper;
    private Producer<String, byte[]> producer;

    @Inject
    public JobRetention(GatewayConfig config, JobStore store, JobRecorder recorder, ObjectStore objects) {
        this.store = store;
        this.recorder = recorder;
        this.objects = objects;
        this.bootstrapServers = config.kafka().bootstrapServers();
        this.sendTimeout = config.gateway().enqueueTimeout();
        this.retention = store.retention();
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stop();
    }

    synchronized void start() {
        if (sweeper != null) {
            return;
        }
        // Each tombstone is awaited alone, with the gateway's usual producer settings.
        producer = new KafkaProducer<>(JobPublisher.producerProperties(bootstrapServers, "stylefleet-gateway-retention",
                sendTimeout), new StringSerializer(), new ByteArraySerializer());
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stylefleet-job-retention");
            t.setDaemon(true);
            return t;
        });
        long every = interval(retention).toMillis();
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() throws InterruptedException {
        if (sweeper == null) {
            return;
        }
        sweeper.shutdownNow();
        sweeper.awaitTermination(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        sweeper = null;
        producer.close(Duration.ofSeconds(5));
        producer = null;
    }

    /** How often the sweep runs: a tenth of the retention, within [100 ms, 1 min]. */
    static Duration interval(Duration retention) {
        Duration tenth = retention.dividedBy(10);
        return tenth.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : tenth.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : tenth;
    }

    /** Whether the job is due for removal: an inference job that reached its final state at least {@code retention} before {@code now}. */
    static boolean expired(Job job, Instant now, Duration retention) {
        return job.kind() == JobKind.INFER && job.state().terminal() && !job.stateAt().plus(retention).isAfter(now);
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep sweeping.
            LOG.errorf(e, "job retention sweep failed; next one in %s", interval(retention));
        }
    }

    /** One pass over the jobs this replica owns; the number removed. */
    int sweep() {
        // Before catching up the store may hold an old job whose later record is still unread.
        if (!store.caughtUp()) {
            return 0;
        }
        Set<Integer> owned = recorder.ownedPartitions();
        if (owned.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        List<Job> due = store.stream().filter(j -> expired(j, now, retention)
                && owned.contains(recorder.partitionOf(j.id()))).toList();
        int removed = 0;
        for (Job job : due) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            if (remove(job)) {
                removed++;
            }
        }
        return removed;
    }

    private boolean remove(Job job) {
        MDC.put("jobId", job.id());
        try {
            deleteObjects(job);
            tombstone(Topics.JOB_EVENTS, job.id());
            tombstone(Topics.JOB_RECORDS, job.id());
            store.forget(job.id());
            LOG.infof("job %s: removed (%s, ended %s; job-retention %s)", job.id(), job.state(), job.stateAt(), retention);
            return true;
        } catch (StorageException | TombstoneFailed e) {
            LOG.warnf("job %s: not removed yet, next sweep retries: %s", job.id(), e.getMessage());
            return false;
        } finally {
            MDC.remove("jobId");
        }
    }

    /** Everything under the job's input and result prefixes (whatever the result's extension). */
    private void deleteObjects(Job job) {
        List<String> keys = new ArrayList<>();
        keys.addAll(objects.list(Buckets.DATA, parent(ObjectKeys.input(job.tenant(), job.id()))));
        keys.addAll(objects.list(Buckets.DATA, parent(ObjectKeys.result(job.id(), "png"))));
        for (String key : keys) {
            objects.delete(Buckets.DATA, key);
        }
    }

    private static String parent(String key) {
        return key.substring(0, key.lastIndexOf('/') + 1);
    }

    private void tombstone(String topic, String jobId) throws TombstoneFailed {
        try {
            producer.send(new ProducerRecord<>(topic, Topics.key(jobId), null))
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TombstoneFailed(topic, e);
        } catch (ExecutionException e) {
            throw new TombstoneFailed(topic, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw new TombstoneFailed(topic, e);
        }
    }

    /** A tombstone was not acknowledged in time. */
    static final class TombstoneFailed extends Exception {
        TombstoneFailed(String topic, Throwable cause) {
            super("tombstone on " + topic + " not written: " + cause, cause);
        }
    }
}
