package dev.stylefleet.bench.scaling;

/** One autoscaler configuration of the grid search at one scale, with what the grid's traces gave it. */
record GridPoint(int partitions, long lagThreshold, SimulationResult steady, SimulationResult burst) {
    double nodeHours() {
        return steady.nodeHours() + burst.nodeHours();
    }
}
