package dev.stylefleet.bench.scaling;

/** One node of the worker pool, billed from the moment it is requested until it is removed. */
final class Node {
    final double requestedAt;
    boolean up;
    Pod pod;
    /** When it last became empty; the cluster autoscaler removes it after the unneeded time. */
    double idleSince = Double.NaN;
    double removedAt = Double.POSITIVE_INFINITY;

    Node(double requestedAt) {
        this.requestedAt = requestedAt;
    }

    boolean idle() {
        return up && pod == null && removedAt == Double.POSITIVE_INFINITY;
    }

    /** Seconds billed up to {@code horizon}. */
    double billedSeconds(double horizon) {
        return Math.max(0, Math.min(removedAt, horizon) - Math.min(requestedAt, horizon));
    }
}
