package dev.stylefleet.platform.storage;

import dev.stylefleet.schemas.ModelManifest;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The latest manifest of each model, remembered for a while: a registry lookup is two object-store
 * requests (list the versions, read the manifest), which would otherwise be paid by every submission
 * on the gateway and by every job on a worker. Only models that exist are remembered, so a model
 * published a moment ago (training, import) is found at once.
 *
 * <p>An entry is fresh for the time-to-live. For one more time-to-live it is still answered, while one
 * background lookup per model refreshes it (stale-while-revalidate): a model in steady use is then never
 * looked up on a caller's thread, which otherwise paid those two requests once per time-to-live, in
 * the middle of a submission or job. Older entries are looked up synchronously. What an entry can miss
 * is a newer version of the same model, for at most twice the time-to-live. Thread-safe.
 */
public final class LatestModelCache {
    private static final System.Logger LOG = System.getLogger(LatestModelCache.class.getName());

    private record Entry(ModelManifest manifest, long fetchedNanos) {}

    private final Function<String, Optional<ModelManifest>> registry;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final ConcurrentMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final Executor refresher;

    /** @param ttl how long a looked-up manifest is relied on; zero looks up every time */
    public LatestModelCache(ModelRegistry registry, Duration ttl) {
        this(registry::latest, ttl, LatestModelCache::daemon, System::nanoTime);
    }

    /**
     * @param registry  the lookup of a model's latest manifest
     * @param refresher runs the background lookups of entries past their time-to-live
     * @param clock     nanoseconds, as {@link System#nanoTime()}
     */
    LatestModelCache(Function<String, Optional<ModelManifest>> registry, Duration ttl, Executor refresher,
            LongSupplier clock) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("model cache ttl must be >= 0, was " + ttl);
        }
        this.registry = registry;
        this.ttlNanos = ttl.toNanos();
        this.refresher = refresher;
        this.clock = clock;
    }

    public Optional<ModelManifest> latest(String modelId) {
        Entry e = cache.get(modelId);
        long now = clock.getAsLong();
        if (e != null) {
            long age = now - e.fetchedNanos();
            if (age < ttlNanos) {
                return Optional.of(e.manifest());
            }
            if (age < 2 * ttlNanos) {
                refreshInBackground(modelId);
                return Optional.of(e.manifest());
            }
        }
        return lookUp(modelId);
    }

    private Optional<ModelManifest> lookUp(String modelId) {
        long now = clock.getAsLong();
        Optional<ModelManifest> m = registry.apply(modelId);
        m.ifPresentOrElse(found -> cache.put(modelId, new Entry(found, now)), () -> cache.remove(modelId));
        return m;
    }

    private void refreshInBackground(String modelId) {
        if (!refreshing.add(modelId)) {
            return; // one refresh per model at a time
        }
        try {
            refresher.execute(() -> {
                try {
                    lookUp(modelId);
                } catch (RuntimeException ex) {
                    // The entry stays as it is; once too old, a caller's own lookup reports the failure.
                    LOG.log(System.Logger.Level.WARNING, "background lookup of model " + modelId + " failed: " + ex);
                } finally {
                    refreshing.remove(modelId);
                }
            });
        } catch (RuntimeException rejected) {
            refreshing.remove(modelId);
        }
    }

    /** One short-lived daemon thread per background lookup: rare (once per model per time-to-live). */
    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "stylefleet-model-lookup");
        t.setDaemon(true);
        t.start();
    }
}
