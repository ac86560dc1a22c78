package dev.stylefleet.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Iterator;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** The event loop on cases small enough to work out by hand. */
class ScalingSimulatorTest {
    private static final double ONE_SECOND_JOBS = 1.0;
    /** No provisioning, start or pause: only the queueing is left to check. */
    private static final ClusterSettings INSTANT = new ClusterSettings(0, 0, 0, 0, 3600);

    private static ArrivalStream arrivals(double... times) {
        return new ArrivalStream() {
            private int i;

            @Override
            public double next() {
                return i < times.length ? times[i++] : Double.POSITIVE_INFINITY;
            }
        };
    }

    private static IntSupplier partitions(Integer... ps) {
        Iterator<Integer> it = List.of(ps).iterator();
        return it::next;
    }

    @Test
    void twoWorkersFixedServiceFixedArrivals() {
        // Partitions 0 and 1 go to pods 0 and 1. Service 1 s. Arrivals (time -> partition):
        // 0.0 -> 0: pod 0 starts at 0.0, wait 0, done 1.0
        // 0.5 -> 0: pod 0 busy until 1.0: wait 0.5, done 2.0
        // 1.0 -> 1: pod 1 idle: wait 0
        // 1.2 -> 0: pod 0 busy until 2.0: wait 0.8 (pod 1 is idle but does not own partition 0)
        SimulationSetup setup = new SimulationSetup(arrivals(0.0, 0.5, 1.0, 1.2), partitions(0, 0, 1, 0),
                () -> ONE_SECOND_JOBS, 2, INSTANT, null, 2, 10, 15);
        SimulationResult r = ScalingSimulator.run(setup);
        assertThat(r.jobs()).isEqualTo(4);
        assertThat(r.maxWaitSeconds()).isCloseTo(0.8, within(1e-3));
        assertThat(r.meanWaitSeconds()).isCloseTo((0 + 0.5 + 0 + 0.8) / 4, within(1e-3));
        assertThat(r.waitSeconds(50)).isCloseTo(0, within(1e-3));
        assertThat(r.endSeconds()).as("the last job ends at 3.0").isCloseTo(3.0, within(1e-9));
        // Two nodes for the 10 s horizon at $3600 an hour: 20 node-seconds.
        assertThat(r.nodeHours() * 3600).isCloseTo(20, within(1e-9));
    }

    @Test
    void podsBeyondThePartitionsIdle() {
        // One partition, two pods: one consumer, so three jobs at t=0 run one after another: waits 0, 1, 2.
        SimulationSetup setup = new SimulationSetup(arrivals(0, 0, 0), partitions(0, 0, 0), () -> ONE_SECOND_JOBS, 1, INSTANT,
                null, 2, 10, 15);
        SimulationResult r = ScalingSimulator.run(setup);
        assertThat(r.maxWaitSeconds()).isCloseTo(2, within(1e-3));
        assertThat(r.meanWaitSeconds()).isCloseTo(1, within(1e-3));
    }

    @Test
    void scaleUpWaitsForTheNodeThenThePodStart() {
        // 100 jobs at t=1 on 4 partitions, one pod, lagThreshold 1: at the HPA's first sync (t=15) the lag is
        // capped at 4 partitions x 1, so it asks for 4 replicas (1 -> max(2, 5), within maxReplicas 4). The 3
        // new pods need nodes: 100 s to provision, then 10 s to start, so they join at 125 s.
        double[] times = new double[100];
        java.util.Arrays.fill(times, 1.0);
        int[] counter = {0};
        ClusterSettings cluster = new ClusterSettings(10, 100, 600, 0, 3600);
        SimulationSetup setup = new SimulationSetup(arrivals(times), () -> counter[0]++ % 4, () -> 2.0, 4, cluster,
                AutoscalerSettings.defaults(1, 1, 4), 1, 300, 15);
        SimulationResult r = ScalingSimulator.run(setup);
        TimeSeriesSample at15 = sampleAt(r, 15);
        TimeSeriesSample at120 = sampleAt(r, 120);
        TimeSeriesSample at135 = sampleAt(r, 135);
        assertThat(at15.replicas()).isEqualTo(4);
        assertThat(at15.nodes()).as("three nodes requested at 15 s, one up").isEqualTo(4);
        assertThat(at120.readyPods()).isEqualTo(1);
        assertThat(at135.readyPods()).isEqualTo(4);
    }

    private static TimeSeriesSample sampleAt(SimulationResult r, double time) {
        return r.series().stream().filter(s -> s.time() == time).findFirst().orElseThrow();
    }
}
