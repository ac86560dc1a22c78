package dev.stylefleet.bench.scaling;

/** One worker pod: its lifecycle state, its node, the partitions it consumes and the job it runs. */
final class Pod {
    enum State {
        /** Created, waiting for a free node (one worker pod per GPU node). */
        PENDING,
        /** On a node: image pull, JVM start, model warm-up. */
        STARTING,
        /** A consumer group member, taking jobs. */
        READY,
        /** Sent SIGTERM: takes no new job, finishes the running one, then leaves the group. */
        TERMINATING,
        GONE
    }

    final int id;
    State state = State.PENDING;
    Node node;
    int[] partitions = new int[0];
    boolean busy;
    int jobPartition = -1;

    Pod(int id) {
        this.id = id;
    }

    /** A consumer group member: it holds partitions until it leaves. */
    boolean member() {
        return state == State.READY || state == State.TERMINATING;
    }
}
