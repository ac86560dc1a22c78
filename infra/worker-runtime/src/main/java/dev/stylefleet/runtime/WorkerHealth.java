package dev.stylefleet.runtime;

import java.util.List;

/**
 * What a worker's health check reports: up while the consumer loop runs; a loop that died reports the
 * cause, so the orchestrator restarts the process instead of leaving a silent worker.
 *
 * @param up       the loop runs
 * @param workerId the worker's id
 * @param jobs     ids of the jobs in hand
 * @param failure  what ended the loop when it was not stopped, or null
 */
public record WorkerHealth(boolean up, String workerId, List<String> jobs, String failure) {}
