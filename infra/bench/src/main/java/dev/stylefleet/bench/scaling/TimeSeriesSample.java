package dev.stylefleet.bench.scaling;

/**
 * The pool at one sampling instant.
 *
 * @param time         seconds into the trace
 * @param arrivalRate  jobs per second arrived since the previous sample
 * @param totalLag     the consumer group's total lag (queued plus in flight)
 * @param replicas     the Deployment's replica count (what the autoscalers set)
 * @param readyPods    pods consuming (group members that are not terminating)
 * @param nodes        nodes held (up or being provisioned)
 */
record TimeSeriesSample(double time, double arrivalRate, long totalLag, int replicas, int readyPods, int nodes) {
}
