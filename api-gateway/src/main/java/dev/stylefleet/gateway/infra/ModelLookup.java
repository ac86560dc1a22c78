package dev.stylefleet.gateway.infra;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.schemas.storage.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The latest manifest of a model, as submissions check it (exists, task, tenant), remembered for
 * {@code stylefleet.gateway.model-cache-ttl}: a registry lookup is two S3 requests (list the versions,
 * read the manifest), the largest share of a submission's time. Only models that exist are remembered:
 * a model published a moment ago (training, import) is found at once. What a remembered entry can miss
 * is a newer version of the same model, which changes nothing the gateway checks (the worker resolves
 * the version itself).
 */
@ApplicationScoped
public class ModelLookup {
    private record Entry(ModelManifest manifest, long fetchedNanos) {}

    private final ModelRegistry registry;
    private final Duration ttl;
    private final ConcurrentMap<String, Entry> cache = new ConcurrentHashMap<>();

    @Inject
    public ModelLookup(ModelRegistry registry, GatewayConfig config) {
        this.registry = registry;
        this.ttl = config.gateway().modelCacheTtl();
    }

    public Optional<ModelManifest> latest(String modelId) {
        Entry e = cache.get(modelId);
        long now = System.nanoTime();
        if (e != null && now - e.fetchedNanos() < ttl.toNanos()) {
            return Optional.of(e.manifest());
        }
        Optional<ModelManifest> m = registry.latest(modelId);
        m.ifPresentOrElse(found -> cache.put(modelId, new Entry(found, now)), () -> cache.remove(modelId));
        return m;
    }
}
