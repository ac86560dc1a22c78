package dev.stylefleet.gateway.admission;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The queue at one moment, and the wait it means for a new job: estimated wait on a topic =
 * sum over its classes of (queued jobs x mean service time) / jobs running on the topic (at least 1).
 * Jobs run while others queue only when every worker slot is busy, so the jobs running are the
 * fleet's parallelism (a moment with fewer, between two jobs, over-estimates the wait).
 *
 * @param queued  QUEUED jobs per class
 * @param running RUNNING jobs per class
 */
public record Backlog(Map<QueueClass, Integer> queued, Map<QueueClass, Integer> running) {

    public Backlog {
        queued = complete(queued);
        running = complete(running);
    }

    /** How long a job of {@code c} submitted now would wait before a worker takes it. */
    public Duration estimatedWait(QueueClass c, Map<QueueClass, Duration> serviceTimes) {
        long queuedNanos = 0;
        int parallelism = 0;
        for (QueueClass other : QueueClass.values()) {
            if (other.topic() == c.topic()) {
                queuedNanos += queued.get(other) * serviceTimes.get(other).toNanos();
                parallelism += running.get(other);
            }
        }
        return Duration.ofNanos(queuedNanos / Math.max(1, parallelism));
    }

    private static Map<QueueClass, Integer> complete(Map<QueueClass, Integer> counts) {
        Map<QueueClass, Integer> all = new EnumMap<>(QueueClass.class);
        for (QueueClass c : QueueClass.values()) {
            all.put(c, counts.getOrDefault(c, 0));
        }
        return Map.copyOf(all);
    }
}
