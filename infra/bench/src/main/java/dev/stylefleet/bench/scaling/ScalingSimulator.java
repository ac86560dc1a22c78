package dev.stylefleet.bench.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.DoubleConsumer;
import org.HdrHistogram.Histogram;

/**
 * The discrete-event loop: jobs arrive on the topic's partitions, the group's members take them (each
 * pod one job at a time, from its own partitions, oldest head first), and on completion commit and take
 * the next. Timed actions interleave: the HPA's sync, KEDA's poll, node and pod readiness, rebalances
 * (coalesced per instant; a partition that changes owner is paused, and waits for its in-flight job to
 * be committed by the old owner), and sampling. Events at the same instant run in this order: timed
 * actions, completions, arrivals. The run ends when arrivals are over and the topic is empty.
 */
final class ScalingSimulator implements Cluster.Listener {
    /** A run that has not drained this long after the horizon stops (a pool that cannot keep up). */
    static final double DRAIN_LIMIT_SECONDS = 24 * 3600;

    private record Action(double time, long seq, DoubleConsumer run) implements Comparable<Action> {
        @Override
        public int compareTo(Action o) {
            int c = Double.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final SimulationSetup setup;
    private final PartitionedTopic topic;
    private final Cluster cluster;
    private final PriorityQueue<Action> actions = new PriorityQueue<>();
    private final CompletionHeap completions = new CompletionHeap();
    private final Histogram waits = new Histogram(3);
    private final List<TimeSeriesSample> series = new ArrayList<>();
    private final int[] owners;
    private Pod[] podsById = new Pod[64];
    private long seq;
    private boolean rebalancePending;
    private boolean arrivalsOver;
    private long jobs;
    private long arrivedSinceSample;
    private int busy;
    private int peakNodes;

    ScalingSimulator(SimulationSetup setup) {
        this.setup = setup;
        this.topic = new PartitionedTopic(setup.partitions());
        this.cluster = new Cluster(setup.cluster(), this, setup.horizonSeconds());
        this.owners = new int[setup.partitions()];
        Arrays.fill(owners, -1);
    }

    static SimulationResult run(SimulationSetup setup) {
        return new ScalingSimulator(setup).run();
    }

    private SimulationResult run() {
        cluster.startReady(setup.initialReplicas());
        rebalance(0);
        AutoscalerSettings auto = setup.autoscaler();
        if (auto != null) {
            ScaledObjectController keda = new ScaledObjectController(auto.minReplicaCount(), auto.cooldownPeriod());
            HorizontalPodAutoscaler hpa = auto.newHpa(keda);
            every(auto.hpaSyncPeriod(), now -> {
                long metric = auto.trigger().metric(topic.totalLag(), topic.partitions(), topic.partitionsWithLag());
                scale(hpa.reconcile(now, cluster.replicas(), metric), now);
            });
            every(auto.pollingInterval(), now ->
                    scale(keda.poll(now, cluster.replicas(), auto.trigger().isActive(topic.totalLag())), now));
        }
        at(0, this::sample);
        every(setup.sampleSeconds(), this::sample);

        double nextArrival = setup.arrivals().next();
        double now = 0;
        while (true) {
            if (nextArrival == Double.POSITIVE_INFINITY) {
                arrivalsOver = true;
                if (topic.totalLag() == 0) {
                    break;
                }
            }
            double tAction = actions.isEmpty() ? Double.POSITIVE_INFINITY : actions.peek().time();
            double tDone = completions.minTime();
            if (tAction <= tDone && tAction <= nextArrival) {
                Action a = actions.poll();
                now = a.time();
                if (now > setup.horizonSeconds() + DRAIN_LIMIT_SECONDS) {
                    break;
                }
                a.run().accept(now);
            } else if (tDone <= nextArrival) {
                now = tDone;
                complete(podsById[completions.pop()], now);
            } else {
                now = nextArrival;
                arrive(now);
                nextArrival = setup.arrivals().next();
            }
        }
        sample(now);
        return new SimulationResult(jobs, waits, cluster.billedNodeSeconds() / 3600, peakNodes, now,
                List.copyOf(series));
    }

    private void scale(int replicas, double now) {
        if (replicas != cluster.replicas()) {
            cluster.scaleTo(replicas, now);
            peakNodes = Math.max(peakNodes, cluster.nodesHeld());
        }
    }

    private void every(double period, DoubleConsumer action) {
        at(period, new DoubleConsumer() {
            @Override
            public void accept(double now) {
                action.accept(now);
                if (!arrivalsOver || topic.totalLag() > 0) {
                    at(now + period, this);
                }
            }
        });
    }

    @Override
    public void at(double time, DoubleConsumer action) {
        actions.add(new Action(time, seq++, action));
    }

    private void sample(double now) {
        double rate = series.isEmpty() ? 0 : arrivedSinceSample / Math.max(now - series.get(series.size() - 1).time(), 1e-9);
        arrivedSinceSample = 0;
        int nodes = cluster.nodesHeld();
        peakNodes = Math.max(peakNodes, nodes);
        series.add(new TimeSeriesSample(now, rate, topic.totalLag(), cluster.replicas(), cluster.membersReady(), nodes));
    }

    private void arrive(double now) {
        int p = setup.partitionOfJob().getAsInt();
        topic.append(p, now);
        arrivedSinceSample++;
        if (owners[p] >= 0) {
            tryStart(podsById[owners[p]], now);
        }
    }

    private void complete(Pod pod, double now) {
        int p = pod.jobPartition;
        pod.busy = false;
        pod.jobPartition = -1;
        busy--;
        topic.commit(p);
        if (pod.state == Pod.State.TERMINATING) {
            cluster.left(pod, now);
        } else {
            tryStart(pod, now);
        }
        if (owners[p] >= 0 && owners[p] != pod.id) {
            tryStart(podsById[owners[p]], now);
        }
    }

    private void tryStart(Pod pod, double now) {
        if (pod.state != Pod.State.READY || pod.busy) {
            return;
        }
        int best = -1;
        double oldest = Double.POSITIVE_INFINITY;
        for (int p : pod.partitions) {
            if (topic.ready(p, now) && topic.headArrival(p) < oldest) {
                oldest = topic.headArrival(p);
                best = p;
            }
        }
        if (best < 0) {
            return;
        }
        double arrival = topic.start(best);
        waits.recordValue(Math.round((now - arrival) * 1e6));
        jobs++;
        pod.busy = true;
        pod.jobPartition = best;
        busy++;
        completions.push(pod.id, now + setup.service().nextServiceSeconds());
    }

    @Override
    public void membershipChanged(double now) {
        if (!rebalancePending) {
            rebalancePending = true;
            at(now, this::rebalance);
        }
    }

    @Override
    public void terminating(Pod pod, double now) {
        if (!pod.busy) {
            cluster.left(pod, now);
        }
    }

    private void rebalance(double now) {
        rebalancePending = false;
        List<Pod> members = new ArrayList<>();
        for (Pod pod : cluster.pods()) {
            if (pod.member()) {
                members.add(pod);
                if (pod.id >= podsById.length) {
                    podsById = Arrays.copyOf(podsById, Math.max(podsById.length * 2, pod.id + 1));
                }
                podsById[pod.id] = pod;
            }
        }
        int[] ids = members.stream().mapToInt(pod -> pod.id).toArray();
        int[] next = ConsumerAssignment.assign(owners, ids);
        double pause = now > 0 ? setup.cluster().rebalancePauseSeconds() : 0;
        int[] counts = new int[members.isEmpty() ? 0 : ids[ids.length - 1] + 1];
        for (int p = 0; p < next.length; p++) {
            if (next[p] != owners[p]) {
                topic.pauseUntil(p, now + pause);
            }
            owners[p] = next[p];
            if (next[p] >= 0) {
                counts[next[p]]++;
            }
        }
        int[] filled = new int[counts.length];
        for (Pod pod : members) {
            pod.partitions = new int[counts[pod.id]];
        }
        for (int p = 0; p < next.length; p++) {
            if (next[p] >= 0) {
                Pod pod = podsById[next[p]];
                pod.partitions[filled[pod.id]++] = p;
            }
        }
        DoubleConsumer pokeAll = t -> {
            for (Pod pod : members) {
                tryStart(pod, t);
            }
        };
        pokeAll.accept(now);
        if (pause > 0) {
            at(now + pause, pokeAll);
        }
    }
}
