package dev.stylefleet.infer;

import ai.onnxruntime.OrtEnvironment;
import dev.stylefleet.schemas.ModelManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loaded models, least recently used first out. The key is model id + version + sha256, so a model
 * republished under the same version with other bytes is loaded afresh rather than served stale.
 * Creating a session costs far more than a small inference, hence the cache. Used by one worker
 * thread; evicted sessions are closed, which is only safe because nobody else holds them.
 */
public final class ModelSessions implements AutoCloseable {
    private final OrtEnvironment env;
    private final int intraOpThreads;
    private final int capacity;
    private final LinkedHashMap<String, LoadedModel> cache = new LinkedHashMap<>(16, 0.75f, true);

    public ModelSessions(OrtEnvironment env, int intraOpThreads, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("model cache capacity must be >= 1, was " + capacity);
        }
        this.env = env;
        this.intraOpThreads = intraOpThreads;
        this.capacity = capacity;
    }

    /** The cached session of this manifest, or a new one from {@code onnx} (only called on a miss). */
    public synchronized LoadedModel get(ModelManifest manifest, Supplier<byte[]> onnx) {
        String key = manifest.modelId() + "/" + manifest.version() + "@" + manifest.sha256();
        LoadedModel model = cache.get(key);
        if (model != null) {
            return model;
        }
        model = LoadedModel.load(env, manifest, onnx.get(), intraOpThreads);
        cache.put(key, model);
        while (cache.size() > capacity) {
            Map.Entry<String, LoadedModel> eldest = cache.entrySet().iterator().next();
            cache.remove(eldest.getKey());
            eldest.getValue().close();
        }
        return model;
    }

    public synchronized int size() {
        return cache.size();
    }

    @Override
    public synchronized void close() {
        List<LoadedModel> all = new ArrayList<>(cache.values());
        cache.clear();
        all.forEach(LoadedModel::close);
    }
}
