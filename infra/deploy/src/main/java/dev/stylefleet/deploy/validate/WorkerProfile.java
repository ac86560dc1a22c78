package dev.stylefleet.deploy.validate;

/**
 * What the deployment must know of a worker to scale it safely.
 *
 * @param topic the job topic it consumes
 * @param partitions that topic's partition count (the most consumers that get work)
 * @param groupIdKey the key of its consumer group ({@code stylefleet.infer.group-id})
 * @param shutdownTimeoutKey the key of its shutdown grace ({@code stylefleet.infer.shutdown-timeout})
 * @param scalesToZero whether its pool must scale to zero when idle (minReplicaCount 0)
 */
public record WorkerProfile(String topic, int partitions, String groupIdKey, String shutdownTimeoutKey,
        boolean scalesToZero) {}
