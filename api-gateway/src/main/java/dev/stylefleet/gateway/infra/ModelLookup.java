package dev.stylefleet.gateway.infra;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.platform.storage.LatestModelCache;
import dev.stylefleet.platform.storage.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The latest manifest of a model, as submissions check it (exists, task, tenant), remembered for
 * {@code stylefleet.gateway.model-cache-ttl} ({@link LatestModelCache}). What a remembered entry can
 * miss is a newer version of the same model, which changes nothing the gateway checks (the worker
 * resolves the version itself).
 */
@ApplicationScoped
public class ModelLookup {
    private final LatestModelCache cache;

    @Inject
    public ModelLookup(ModelRegistry registry, GatewayConfig config) {
        this.cache = new LatestModelCache(registry, config.gateway().modelCacheTtl());
    }

    public Optional<ModelManifest> latest(String modelId) {
        return cache.latest(modelId);
    }
}
