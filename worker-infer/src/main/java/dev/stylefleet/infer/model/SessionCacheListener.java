package dev.stylefleet.infer.model;

/** Told of every {@link ModelSessions} lookup, hit or miss (the worker's metrics count them). */
@FunctionalInterface
public interface SessionCacheListener {
    SessionCacheListener NONE = (modelId, hit) -> {};

    void lookedUp(String modelId, boolean hit);
}
