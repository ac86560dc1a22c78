package dev.stylefleet.runtime.cancels;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The job ids this worker has seen a {@code CancelRequested} for, bounded in count and in age: a
 * cancel matters while its job may still be queued or running, and a worker that reads every cancel
 * of the fleet for weeks must not keep them all. Entries are kept in arrival order; the oldest go
 * first when the bound is reached, and an entry older than the expiry (by the cancel's broker
 * timestamp) no longer counts. Thread-safe: the cancel reader adds, job threads ask.
 */
public final class CancelledJobs {
    private final int maxEntries;
    private final long expiryMillis;
    private final LongSupplier clock;
    /** Job id → the cancel's timestamp (epoch ms), oldest arrival first. */
    private final LinkedHashMap<String, Long> cancelled = new LinkedHashMap<>();

    public CancelledJobs(CancelSettings settings) {
        this(settings, System::currentTimeMillis);
    }

    CancelledJobs(CancelSettings settings, LongSupplier clock) {
        this.maxEntries = settings.memory();
        this.expiryMillis = settings.expiry().toMillis();
        this.clock = clock;
    }

    /** Remembers a cancel of {@code jobId} requested at {@code atMillis}; false if already known. */
    public synchronized boolean add(String jobId, long atMillis) {
        long now = clock.getAsLong();
        expire(now);
        if (now - atMillis > expiryMillis) {
            return false;
        }
        boolean added = cancelled.putIfAbsent(jobId, atMillis) == null;
        Iterator<Map.Entry<String, Long>> it = cancelled.entrySet().iterator();
        while (cancelled.size() > maxEntries) {
            it.next();
            it.remove();
        }
        return added;
    }

    /** True while a cancel of {@code jobId} is remembered and younger than the expiry. */
    public synchronized boolean contains(String jobId) {
        Long at = cancelled.get(jobId);
        return at != null && clock.getAsLong() - at <= expiryMillis;
    }

    public synchronized int size() {
        expire(clock.getAsLong());
        return cancelled.size();
    }

    /** Drops expired entries from the old end; arrival order is near enough timestamp order for that. */
    private void expire(long now) {
        Iterator<Map.Entry<String, Long>> it = cancelled.entrySet().iterator();
        while (it.hasNext()) {
            if (now - it.next().getValue() <= expiryMillis) {
                return;
            }
            it.remove();
        }
    }
}
