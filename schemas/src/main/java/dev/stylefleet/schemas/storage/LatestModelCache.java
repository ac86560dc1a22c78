package dev.stylefleet.schemas.storage;

import dev.stylefleet.schemas.ModelManifest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The latest manifest of each model, remembered for a while: a registry lookup is two object-store
 * requests (list the versions, read the manifest), which would otherwise be paid by every submission
 * on the gateway and by every job on a worker. Only models that exist are remembered, so a model
 * published a moment ago (training, import) is found at once; what a remembered entry can miss for up
 * to the time-to-live is a newer version of the same model. Thread-safe.
 */
public final class LatestModelCache {
    private record Entry(ModelManifest manifest, long fetchedNanos) {}

    private final ModelRegistry registry;
    private final long ttlNanos;
    private final ConcurrentMap<String, Entry> cache = new ConcurrentHashMap<>();

    /** @param ttl how long a looked-up manifest is relied on; zero looks up every time */
    public LatestModelCache(ModelRegistry registry, Duration ttl) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("model cache ttl must be >= 0, was " + ttl);
        }
        this.registry = registry;
        this.ttlNanos = ttl.toNanos();
    }

    public Optional<ModelManifest> latest(String modelId) {
        Entry e = cache.get(modelId);
        long now = System.nanoTime();
        if (e != null && now - e.fetchedNanos() < ttlNanos) {
            return Optional.of(e.manifest());
        }
        Optional<ModelManifest> m = registry.latest(modelId);
        m.ifPresentOrElse(found -> cache.put(modelId, new Entry(found, now)), () -> cache.remove(modelId));
        return m;
    }
}
