package dev.stylefleet.bench.scaling;

/**
 * The jobs topic: P partitions, each a FIFO of the arrival times of its uncommitted jobs. A job is
 * appended on arrival; it leaves the queue when a consumer starts it and stays in the partition's lag
 * until the consumer commits it on completion (at-least-once: the offset is committed after the work).
 * A partition has at most one job in flight (one consumer per partition, jobs in offset order), and is
 * unavailable while a rebalance hands it to a new owner. Hand-written ring buffers of doubles: at
 * 1,000x load the topic holds millions of queued jobs, which boxed queues would make slow and large.
 */
final class PartitionedTopic {
    private static final int INITIAL_CAPACITY = 16;

    private final double[][] queues;
    private final int[] heads;
    private final int[] sizes;
    private final boolean[] inFlight;
    private final double[] availableAt;
    private long totalLag;
    private int partitionsWithLag;

    PartitionedTopic(int partitions) {
        queues = new double[partitions][INITIAL_CAPACITY];
        heads = new int[partitions];
        sizes = new int[partitions];
        inFlight = new boolean[partitions];
        availableAt = new double[partitions];
    }

    int partitions() {
        return queues.length;
    }

    void append(int p, double arrival) {
        double[] q = queues[p];
        if (sizes[p] == q.length) {
            double[] grown = new double[q.length * 2];
            for (int i = 0; i < sizes[p]; i++) {
                grown[i] = q[(heads[p] + i) % q.length];
            }
            queues[p] = q = grown;
            heads[p] = 0;
        }
        q[(heads[p] + sizes[p]) % q.length] = arrival;
        if (lag(p) == 0) {
            partitionsWithLag++;
        }
        sizes[p]++;
        totalLag++;
    }

    /** Whether a consumer may start the partition's next job at {@code now}. */
    boolean ready(int p, double now) {
        return sizes[p] > 0 && !inFlight[p] && availableAt[p] <= now;
    }

    double headArrival(int p) {
        return queues[p][heads[p]];
    }

    /** Takes the partition's next job into processing; returns its arrival time. */
    double start(int p) {
        double arrival = queues[p][heads[p]];
        heads[p] = (heads[p] + 1) % queues[p].length;
        sizes[p]--;
        inFlight[p] = true;
        return arrival;
    }

    /** The job in flight on the partition is done and its offset committed. */
    void commit(int p) {
        inFlight[p] = false;
        totalLag--;
        if (lag(p) == 0) {
            partitionsWithLag--;
        }
    }

    void pauseUntil(int p, double time) {
        availableAt[p] = Math.max(availableAt[p], time);
    }

    int lag(int p) {
        return sizes[p] + (inFlight[p] ? 1 : 0);
    }

    long totalLag() {
        return totalLag;
    }

    int partitionsWithLag() {
        return partitionsWithLag;
    }
}
