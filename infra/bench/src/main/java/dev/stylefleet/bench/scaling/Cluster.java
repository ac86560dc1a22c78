package dev.stylefleet.bench.scaling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * The worker Deployment's pods and the nodes under them, one worker pod per node (a GPU node holds one
 * GPU). Setting the replica count creates pods, which take an empty node or make the cluster autoscaler
 * request one (ready after the provisioning delay), then start (pod start time) and join the consumer
 * group; or removes pods the way a ReplicaSet picks them (unscheduled first, then not ready, then the
 * newest ready ones), a ready one by SIGTERM: it finishes its running job, then leaves. A node that stays
 * empty for the unneeded time is removed. Nodes are billed from request to removal.
 */
final class Cluster {
    /** What the event loop is told of, and how the cluster schedules its own later steps. */
    interface Listener {
        /** Runs {@code action} with the simulated time when the loop reaches {@code time}. */
        void at(double time, DoubleConsumer action);

        /** A pod became a group member (READY), or a member left. */
        void membershipChanged(double now);

        /** A READY pod got SIGTERM; the loop lets it leave once it has no job running. */
        void terminating(Pod pod, double now);
    }

    private final ClusterSettings settings;
    private final Listener listener;
    private final List<Pod> pods = new ArrayList<>();
    /** Nodes not yet removed; removed ones only add their billed time. */
    private final List<Node> nodes = new ArrayList<>();
    private final double horizon;
    private double removedBilledSeconds;
    private final Deque<Pod> pending = new ArrayDeque<>();
    private int nextPodId;
    private int replicas;

    /** @param horizon nodes are billed up to this time */
    Cluster(ClusterSettings settings, Listener listener, double horizon) {
        this.settings = settings;
        this.listener = listener;
        this.horizon = horizon;
    }

    /** The Deployment's replica count (spec), which the autoscalers read and set. */
    int replicas() {
        return replicas;
    }

    /** Starts the pool with {@code count} nodes up and pods ready at time 0 (a fixed pool, or the autoscaled pool's start). */
    void startReady(int count) {
        for (int i = 0; i < count; i++) {
            Node node = new Node(0);
            node.up = true;
            nodes.add(node);
            Pod pod = new Pod(nextPodId++);
            pod.node = node;
            node.pod = pod;
            pod.state = Pod.State.READY;
            pods.add(pod);
        }
        replicas = count;
    }

    List<Pod> pods() {
        return pods;
    }

    int membersReady() {
        int n = 0;
        for (Pod pod : pods) {
            if (pod.state == Pod.State.READY) {
                n++;
            }
        }
        return n;
    }

    /** Nodes requested and not removed (up or provisioning). */
    int nodesHeld() {
        return nodes.size();
    }

    /** Node-seconds billed up to the horizon. */
    double billedNodeSeconds() {
        double sum = removedBilledSeconds;
        for (Node node : nodes) {
            sum += node.billedSeconds(horizon);
        }
        return sum;
    }

    void scaleTo(int target, double now) {
        while (replicas < target) {
            Pod pod = new Pod(nextPodId++);
            pods.add(pod);
            replicas++;
            Node free = idleNode();
            if (free != null) {
                bind(pod, free, now);
            } else {
                pending.addLast(pod);
                Node node = new Node(now);
                nodes.add(node);
                listener.at(now + settings.nodeProvisioningSeconds(), t -> nodeUp(node, t));
            }
        }
        while (replicas > target) {
            remove(victim(), now);
            replicas--;
        }
    }

    /** A terminating pod finished its last job and left the group: its node empties. */
    void left(Pod pod, double now) {
        pod.state = Pod.State.GONE;
        pods.remove(pod);
        free(pod.node, now);
        listener.membershipChanged(now);
    }

    private void nodeUp(Node node, double now) {
        node.up = true;
        free(node, now);
    }

    private Node idleNode() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).idle()) {
                return nodes.get(i);
            }
        }
        return null;
    }

    private void bind(Pod pod, Node node, double now) {
        pod.node = node;
        node.pod = pod;
        node.idleSince = Double.NaN;
        pod.state = Pod.State.STARTING;
        listener.at(now + settings.podStartSeconds(), t -> {
            if (pod.state == Pod.State.STARTING) {
                pod.state = Pod.State.READY;
                listener.membershipChanged(t);
            }
        });
    }

    /** The node has no pod now: it takes a pending pod, or waits to be removed. */
    private void free(Node node, double now) {
        node.pod = null;
        if (!pending.isEmpty()) {
            bind(pending.removeFirst(), node, now);
            return;
        }
        node.idleSince = now;
        double since = now;
        if (settings.nodeUnneededSeconds() <= 0) {
            removeNode(node, now);
            return;
        }
        listener.at(now + settings.nodeUnneededSeconds(), t -> {
            if (node.idle() && node.idleSince == since) {
                removeNode(node, t);
            }
        });
    }

    private void removeNode(Node node, double now) {
        node.removedAt = now;
        nodes.remove(node);
        removedBilledSeconds += node.billedSeconds(horizon);
    }

    /** The pod a ReplicaSet deletes first: unscheduled, then starting, then ready; the newest of each. */
    private Pod victim() {
        for (Pod.State state : new Pod.State[] {Pod.State.PENDING, Pod.State.STARTING, Pod.State.READY}) {
            for (int i = pods.size() - 1; i >= 0; i--) {
                if (pods.get(i).state == state) {
                    return pods.get(i);
                }
            }
        }
        throw new IllegalStateException("no pod to remove");
    }

    private void remove(Pod pod, double now) {
        switch (pod.state) {
            case PENDING -> {
                pending.remove(pod);
                pod.state = Pod.State.GONE;
                pods.remove(pod);
            }
            case STARTING -> {
                pod.state = Pod.State.GONE;
                pods.remove(pod);
                free(pod.node, now);
            }
            case READY -> {
                pod.state = Pod.State.TERMINATING;
                listener.terminating(pod, now);
            }
            default -> throw new IllegalStateException("cannot remove a " + pod.state + " pod");
        }
    }
}
