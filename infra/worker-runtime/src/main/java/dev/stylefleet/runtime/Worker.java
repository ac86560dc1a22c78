package dev.stylefleet.runtime;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * What a worker built on a {@link WorkerRuntime} offers its service and its tests, once for every
 * worker: identity, health, and stopping. A worker supplies its runtime; the rest delegates to it.
 */
public interface Worker extends AutoCloseable {
    /** The runtime the worker's job logic runs on. */
    WorkerRuntime<?> runtime();

    default String workerId() {
        return runtime().workerId();
    }

    /** True while the loop runs; false once it stopped or died (see {@link #failure()}). */
    default boolean isRunning() {
        return runtime().isRunning();
    }

    /** What ended the loop when it was not stopped. */
    default Throwable failure() {
        return runtime().failure();
    }

    default WorkerHealth health() {
        return runtime().health();
    }

    /** {@link WorkerRuntime#stop}: no more jobs; the jobs in hand get {@code grace}, then are abandoned. */
    default boolean stop(Duration grace) {
        return runtime().stop(grace);
    }

    /**
     * The service's shutdown (SIGTERM): {@link #stop} with the configured {@code shutdown-timeout}; says so
     * when the loop has not ended by then (its jobs stay uncommitted and are redelivered).
     */
    default void shutdown() {
        Duration grace = runtime().settings().shutdownTimeout();
        if (!stop(grace)) {
            System.getLogger(Worker.class.getName()).log(Level.WARNING, "worker {0} did not stop within {1} after "
                    + "its grace; the jobs in hand stay uncommitted and will be redelivered", workerId(), grace);
        }
    }

    default boolean awaitTermination(Duration timeout) {
        return runtime().awaitTermination(timeout);
    }

    /** {@link #stop(Duration)} with the configured {@code shutdown-timeout}. */
    @Override
    default void close() {
        runtime().close();
    }
}
