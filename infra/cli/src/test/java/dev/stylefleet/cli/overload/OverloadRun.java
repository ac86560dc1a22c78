package dev.stylefleet.cli.overload;

import dev.stylefleet.cli.scale.JobEventLog;
import dev.stylefleet.cli.scale.JobLoad;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of one load run: what was offered, refused and accepted, and how long accepted jobs took
 * from their 202 to their terminal event.
 *
 * @param offered     submissions answered (accepted + refused)
 * @param accepted    202s
 * @param refused     non-202 answers by HTTP status (or exception)
 * @param succeeded   accepted jobs that ended SUCCEEDED
 * @param unfinished  accepted jobs without a terminal event when the run was read
 * @param latencies   per accepted, terminal job: 202 to terminal event, sorted
 * @param completedDuringLoad accepted jobs that ended SUCCEEDED while the load was on (the fleet's throughput)
 * @param seconds     length of the load
 */
record OverloadRun(int offered, int accepted, Map<String, Integer> refused, int succeeded, int unfinished,
        List<Duration> latencies, int completedDuringLoad, double seconds) {

    static OverloadRun of(JobLoad load, JobEventLog events, Instant start, Instant end) {
        double seconds = Duration.between(start, end).toMillis() / 1000.0;
        int completedDuringLoad = 0;
        List<JobLoad.Accepted> accepted = load.accepted();
        Map<String, Integer> refused = load.refused();
        List<Duration> latencies = new ArrayList<>();
        int succeeded = 0;
        int unfinished = 0;
        for (JobLoad.Accepted a : accepted) {
            Optional<JobEvent> last = events.events(a.jobId()).stream().filter(e -> e.state().terminal()).findFirst();
            if (last.isEmpty()) {
                unfinished++;
                continue;
            }
            if (last.get().state() == JobState.SUCCEEDED) {
                succeeded++;
                if (!last.get().at().isBefore(start) && !last.get().at().isAfter(end)) {
                    completedDuringLoad++;
                }
            }
            latencies.add(Duration.between(a.at(), last.get().at()));
        }
        latencies.sort(null);
        int refusedCount = refused.values().stream().mapToInt(Integer::intValue).sum();
        return new OverloadRun(accepted.size() + refusedCount, accepted.size(), refused, succeeded, unfinished,
                List.copyOf(latencies), completedDuringLoad, seconds);
    }

    /** The q-quantile (0..1) of the accepted jobs' latency, nearest rank; zero without any. */
    Duration latency(double q) {
        if (latencies.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(q * latencies.size());
        return latencies.get(Math.max(0, Math.min(latencies.size() - 1, rank - 1)));
    }

    double refusalRate() {
        return offered == 0 ? 0 : (double) (offered - accepted) / offered;
    }

    double offeredPerSecond() {
        return offered / seconds;
    }

    double completedPerSecond() {
        return completedDuringLoad / seconds;
    }
}
