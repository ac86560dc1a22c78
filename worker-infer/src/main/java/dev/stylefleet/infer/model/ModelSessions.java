package dev.stylefleet.infer.model;


import ai.onnxruntime.OrtEnvironment;
import dev.stylefleet.schemas.ModelManifest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loaded models, least recently used first out, bounded by the bytes of their model files (a session
 * holds its weights, so the file size is the honest measure; a count would let eight 500 MB models
 * in as easily as eight 1 MB ones) and by a count. The key is model id + version + sha256, so a model
 * republished under the same version with other bytes is loaded afresh rather than served stale.
 * Creating a session costs far more than a small inference, hence the cache.
 *
 * <p>Jobs run concurrently: {@link #get} hands out a held reference that the caller releases
 * ({@link LoadedModel#release()}); an evicted session closes when its last job lets go of it.
 * The most recent model always stays, even when it alone exceeds the byte bound.
 */
public final class ModelSessions implements AutoCloseable {
    private final OrtEnvironment env;
    private final int intraOpThreads;
    private final ExecutionDevice device;
    private final long maxBytes;
    private final int maxCount;
    private final SessionCacheListener lookups;
    private final LinkedHashMap<String, LoadedModel> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** A CPU cache of at most {@code capacity} models, no byte bound. */
    public ModelSessions(OrtEnvironment env, int intraOpThreads, int capacity) {
        this(env, intraOpThreads, ExecutionDevice.CPU, Long.MAX_VALUE, capacity, SessionCacheListener.NONE);
    }

    public ModelSessions(OrtEnvironment env, int intraOpThreads, ExecutionDevice device, long maxBytes, int maxCount,
            SessionCacheListener lookups) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("stylefleet.infer.model-cache-size must be >= 1, was " + maxCount);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("stylefleet.infer.model-cache-bytes must be >= 1, was " + maxBytes);
        }
        this.env = env;
        this.intraOpThreads = intraOpThreads;
        this.device = device;
        this.maxBytes = maxBytes;
        this.maxCount = maxCount;
        this.lookups = lookups;
    }

    /**
     * The cached session of this manifest, or a new one from {@code onnx} (only called on a miss),
     * held for the caller: call {@link LoadedModel#release()} when done.
     */
    public LoadedModel get(ModelManifest manifest, Supplier<byte[]> onnx) {
        String key = manifest.modelId() + "/" + manifest.version() + "@" + manifest.sha256();
        List<LoadedModel> evicted = new ArrayList<>();
        LoadedModel model;
        synchronized (this) {
            model = cache.get(key);
            if (model != null && model.retain()) {
                lookups.lookedUp(manifest.modelId(), true);
                return model;
            }
            lookups.lookedUp(manifest.modelId(), false);
            model = LoadedModel.load(env, manifest, onnx.get(), intraOpThreads, device);
            cache.put(key, model);
            bytes += model.sizeBytes();
            Iterator<Map.Entry<String, LoadedModel>> it = cache.entrySet().iterator();
            while ((cache.size() > maxCount || bytes > maxBytes) && cache.size() > 1) {
                LoadedModel eldest = it.next().getValue();
                it.remove();
                bytes -= eldest.sizeBytes();
                evicted.add(eldest);
            }
            model.retain();
        }
        evicted.forEach(LoadedModel::release);
        return model;
    }

    public synchronized int size() {
        return cache.size();
    }

    /** Bytes of the model files of the cached sessions. */
    public synchronized long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        List<LoadedModel> all;
        synchronized (this) {
            all = new ArrayList<>(cache.values());
            cache.clear();
            bytes = 0;
        }
        all.forEach(LoadedModel::release);
    }
}
