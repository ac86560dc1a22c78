package dev.stylefleet.gateway.infra;

import dev.stylefleet.gateway.GatewayConfig;
import dev.stylefleet.platform.storage.ModelRegistry;
import dev.stylefleet.platform.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The object store and the model registry on it, built once from {@link GatewayConfig#s3()}. Singleton
 * rather than application scope: both are final classes, which a client proxy cannot wrap.
 */
@ApplicationScoped
public class Storage {

    @Produces
    @Singleton
    ObjectStore objectStore(GatewayConfig config) {
        return new ObjectStore(config.s3().endpoint(), config.s3().accessKey(), config.s3().secretKey());
    }

    @Produces
    @Singleton
    ModelRegistry modelRegistry(ObjectStore store) {
        return new ModelRegistry(store);
    }
}
