package dev.stylefleet.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleConsumer;
import org.junit.jupiter.api.Test;

/** Pods, nodes and billing, driven by hand through a listener that runs the scheduled steps in order. */
class ClusterTest {
    private static final double POD_START = 30;
    private static final double PROVISIONING = 180;
    private static final double UNNEEDED = 600;

    private record Step(double time, DoubleConsumer action) {}

    private final List<Step> steps = new ArrayList<>();
    private final List<Pod> terminating = new ArrayList<>();
    private int membershipChanges;
    private final Cluster cluster = new Cluster(new ClusterSettings(POD_START, PROVISIONING, UNNEEDED, 0, 1), new Cluster.Listener() {
        @Override
        public void at(double time, DoubleConsumer action) {
            steps.add(new Step(time, action));
        }

        @Override
        public void membershipChanged(double now) {
            membershipChanges++;
        }

        @Override
        public void terminating(Pod pod, double now) {
            terminating.add(pod);
        }
    }, 10_000);

    private void runUntil(double time) {
        while (true) {
            Step next = steps.stream().filter(s -> s.time() <= time).min(Comparator.comparingDouble(Step::time)).orElse(null);
            if (next == null) {
                return;
            }
            steps.remove(next);
            next.action().accept(next.time());
        }
    }

    private long count(Pod.State state) {
        return cluster.pods().stream().filter(p -> p.state == state).count();
    }

    @Test
    void newPodsWaitForNewNodesThenStart() {
        cluster.startReady(1);
        cluster.scaleTo(3, 0);
        assertThat(count(Pod.State.PENDING)).isEqualTo(2);
        assertThat(cluster.nodesHeld()).as("two nodes requested").isEqualTo(3);
        runUntil(PROVISIONING);
        assertThat(count(Pod.State.STARTING)).isEqualTo(2);
        runUntil(PROVISIONING + POD_START);
        assertThat(count(Pod.State.READY)).isEqualTo(3);
        assertThat(membershipChanges).isEqualTo(2);
    }

    @Test
    void scaleInRemovesUnscheduledPodsFirstAndSendsReadyOnesSigterm() {
        cluster.startReady(2);
        cluster.scaleTo(3, 0);
        cluster.scaleTo(2, 10);
        assertThat(count(Pod.State.PENDING)).as("the pending pod went first").isZero();
        assertThat(count(Pod.State.READY)).isEqualTo(2);
        cluster.scaleTo(1, 20);
        assertThat(terminating).hasSize(1);
        assertThat(terminating.get(0).id).as("the newest ready pod").isEqualTo(1);
        cluster.left(terminating.get(0), 25);
        assertThat(cluster.replicas()).isEqualTo(1);
    }

    @Test
    void anEmptyNodeIsReusedWithinTheUnneededTimeAndBilledUntilRemoved() {
        cluster.startReady(2);
        cluster.scaleTo(1, 0);
        cluster.left(terminating.get(0), 100);
        runUntil(200);
        cluster.scaleTo(2, 200);
        assertThat(count(Pod.State.STARTING)).as("the empty node takes the pod at once").isEqualTo(1);
        assertThat(cluster.nodesHeld()).isEqualTo(2);
        cluster.scaleTo(1, 300);
        runUntil(300 + UNNEEDED);
        assertThat(cluster.nodesHeld()).as("empty for 600 s: removed").isEqualTo(1);
        // Node 0 for the 10,000 s horizon, node 1 from 0 until removed at 900 s.
        assertThat(cluster.billedNodeSeconds()).isEqualTo(10_000 + 900);
    }
}
