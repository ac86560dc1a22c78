package dev.stylefleet.gateway.jobs;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.platform.storage.StorageException;
import dev.stylefleet.platform.storage.StoredObject;
import dev.stylefleet.schemas.Buckets;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Expires presigned uploads: deletes every object under {@code uploads/} written more than
 * {@code stylefleet.api.upload-retention} ago. A job never needs its upload after it was accepted (the
 * input was copied under {@code inputs/}, which {@link JobRetention} removes with the job). A periodic
 * sweep (a tenth of the retention, within the bounds of {@link JobRetention#interval}) on the replica
 * that owns events partition 0, so that one replica lists the uploads rather than all; a delete that
 * races another replica's (during a rebalance) is harmless.
 *
 * <p>A sweep rather than a bucket lifecycle rule: the local stack's S3 server (S3Proxy) has no lifecycle
 * rules, and a sweep keeps the retention in the gateway's configuration beside the job retention.
 */
@ApplicationScoped
public class UploadRetention {
    private static final Logger LOG = Logger.getLogger(UploadRetention.class);
    /** Where presigned uploads live (ObjectKeys.upload). */
    static final String PREFIX = "uploads/";

    private final ObjectStore objects;
    private final String bucket;
    private final Duration retention;
    private final BooleanSupplier sweeper;
    private ScheduledExecutorService executor;

    @Inject
    public UploadRetention(GatewayConfig config, ObjectStore objects, JobRecorder recorder) {
        this(objects, Buckets.DATA, config.api().uploadRetention(), () -> recorder.ownedPartitions().contains(0));
    }

    /** @param sweeper whether this replica is the one that sweeps now */
    UploadRetention(ObjectStore objects, String bucket, Duration retention, BooleanSupplier sweeper) {
        if (retention.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("stylefleet.api.upload-retention must be at least 1S, was " + retention);
        }
        this.objects = objects;
        this.bucket = bucket;
        this.retention = retention;
        this.sweeper = sweeper;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        stop();
    }

    synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stylefleet-upload-retention");
            t.setDaemon(true);
            return t;
        });
        long every = JobRetention.interval(retention).toMillis();
        executor.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() throws InterruptedException {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        executor = null;
    }

    private void sweepQuietly() {
        if (!sweeper.getAsBoolean()) {
            return;
        }
        try {
            sweep(Instant.now());
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep sweeping.
            LOG.warnf("upload retention sweep failed; next one in %s: %s", JobRetention.interval(retention), e.getMessage());
        }
    }

    /** Deletes the uploads written at least {@code upload-retention} before {@code now}; the number deleted. */
    int sweep(Instant now) {
        Instant cutoff = now.minus(retention);
        int deleted = 0;
        for (StoredObject o : objects.listObjects(bucket, PREFIX)) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            if (o.lastModified() != null && !o.lastModified().isAfter(cutoff)) {
                try {
                    objects.delete(bucket, o.key());
                    deleted++;
                } catch (StorageException e) {
                    LOG.warnf("upload %s not deleted yet, next sweep retries: %s", o.key(), e.getMessage());
                }
            }
        }
        if (deleted > 0) {
            LOG.infof("deleted %d uploads older than %s (upload-retention)", deleted, retention);
        }
        return deleted;
    }
}
