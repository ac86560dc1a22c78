package dev.stylefleet.cli.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.cli.ServiceProcess;
import dev.stylefleet.cli.scale.ScaleTimeline.Action;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Scale-out and scale-in of inference worker processes under load, on the real system (the short form
 * of {@code ScaleBenchmark}): about {@value #JOBS} jobs from concurrent clients while the workers go
 * 1 → 2 → 1 (SIGTERM, landing mid-job) → 2 → 1 (SIGKILL, mid-job). Nothing accepted is lost, no job has
 * more than one result object, every job ends SUCCEEDED, and the jobs in hand of the terminated and of
 * the killed worker each end SUCCEEDED exactly once.
 *
 * <p>Mid-job by construction, not by timing: each of the two added workers holds every job it takes for a
 * while after RUNNING ({@code stylefleet.infer.pause-before-run}); the test waits for that worker's
 * RUNNING event of a job no other worker has run, checks the job has not ended, and only then signals.
 * The terminated worker's hold is shorter than its shutdown grace, so it should finish the job; had it left
 * it, another worker would run it, and the assertions allow both. The killed worker's hold outlasts the
 * test, so its job can only end on the remaining worker.
 *
 * <p>Jobs in flight on a worker whose partitions move in a rebalance (a worker joining or leaving) may run
 * twice, once on each side, and then publish SUCCEEDED twice: at-least-once delivery with idempotent
 * results. So the run as a whole is held to one result object per job and a SUCCEEDED final state, and
 * "exactly one SUCCEEDED" is asserted for the two jobs the signals landed on.
 */
class ScaleIT {
    static final int JOBS = 150;
    static final JobLoad.Settings LOAD = new JobLoad.Settings(6, 3.0, Duration.ofSeconds(60));
    /** Redelivery after the SIGKILL waits for the dead consumer's session to expire: keep it short. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
    /** The terminated worker's hold after RUNNING: well inside its grace, long enough to signal within it. */
    static final Duration TERMINATED_HOLD = Duration.ofSeconds(4);
    /** The killed worker's hold: longer than the test. */
    static final Duration KILLED_HOLD = Duration.ofMinutes(10);
    /** Bound on a worker's exit after SIGTERM: its grace, then the consumer's close and Quarkus' shutdown. */
    static final Duration EXIT_BOUND = SHUTDOWN_GRACE.plusSeconds(30);
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String PAUSE_KEY = "stylefleet.infer.pause-before-run";

    @Test
    void workersScaledOutAndInUnderLoadLoseNothingAndEndEveryJobOnce() throws Exception {
        Path logs = Files.createTempDirectory("scale-it-logs");
        try (ScaleHarness h = ScaleHarness.start(logs, Map.of(
                "stylefleet.infer.session-timeout", SESSION_TIMEOUT.toString(),
                // Warm only the model of the load: a new worker is ready in seconds, not after every style.
                "stylefleet.infer.warm", JobLoad.MODEL,
                "stylefleet.infer.warm-size", Integer.toString(JobLoad.MAX_SIDE)), LOAD)) {
            JobEventLog events = h.events();
            h.startLoad("");
            assertThat(events.awaitCount(e -> e.state() == JobState.SUCCEEDED, 20, WAIT))
                    .as("the first worker completes jobs; logs in " + logs).isTrue();

            // 1 → 2 → 1: SIGTERM while the added worker holds a job.
            ServiceProcess terminated = h.addWorker(Map.of(PAUSE_KEY, TERMINATED_HOLD.toString(),
                    "stylefleet.infer.shutdown-timeout", SHUTDOWN_GRACE.toString()));
            String terminatedId = ScaleHarness.workerId(terminated);
            JobEvent inHand = events.awaitEvent(firstRunOn(terminatedId, events), WAIT).orElseThrow(
                    () -> new AssertionError(terminatedId + " took no job; its log: " + terminated.log()));
            assertThat(events.awaitTerminal(inHand.jobId(), Duration.ZERO)).as("still running").isEmpty();
            h.terminate(terminated, EXIT_BOUND);
            Instant sigterm = at(h, terminatedId, Action.SIGTERM);
            assertThat(sigterm).as("SIGTERM within the hold after RUNNING").isBefore(inHand.at().plus(TERMINATED_HOLD));

            // 1 → 2 → 1: SIGKILL while the added worker holds a job.
            ServiceProcess killed = h.addWorker(Map.of(PAUSE_KEY, KILLED_HOLD.toString()));
            String killedId = ScaleHarness.workerId(killed);
            JobEvent crashed = events.awaitEvent(firstRunOn(killedId, events), WAIT).orElseThrow(
                    () -> new AssertionError(killedId + " took no job; its log: " + killed.log()));
            assertThat(events.awaitTerminal(crashed.jobId(), Duration.ZERO)).as("still running").isEmpty();
            h.kill(killed);

            await().atMost(WAIT).until(() -> h.load().accepted().size() >= JOBS);
            boolean allEnded = h.finish(WAIT);
            JobAccounting jobs = JobAccounting.of(h.load().accepted(), h.load(), events,
                    h.fleet().stack().objectStore());
            System.out.println(ScaleReport.of(h.timeline(), h.cpu(), events, h.added()).markdown() + "\n" + jobs
                    + "\nSIGTERM landed on " + inHand.jobId() + ": " + story(events.events(inHand.jobId()))
                    + "\nSIGKILL landed on " + crashed.jobId() + ": " + story(events.events(crashed.jobId()))
                    + "\nlogs: " + logs);

            assertThat(allEnded).as("every accepted job ended; " + jobs).isTrue();
            assertThat(jobs.accepted()).isGreaterThanOrEqualTo(JOBS);
            assertThat(jobs.lost()).as("lost").isEmpty();
            assertThat(jobs.resultObjects()).as("jobs with more than one result object").isEmpty();
            assertThat(jobs.missingResults()).as("SUCCEEDED without a result object").isEmpty();
            assertThat(jobs.finalStates()).as("final states").isEqualTo(Map.of("SUCCEEDED", jobs.accepted()));
            assertThat(h.load().refused()).as("refused submissions").isEmpty();

            // The job in hand at SIGTERM: finished by that worker, or left to another; SUCCEEDED once either way.
            List<JobEvent> terminatedJob = events.events(inHand.jobId());
            assertThat(succeeded(terminatedJob)).as(terminatedJob.toString()).hasSize(1);
            List<JobEvent> killedJob = events.events(crashed.jobId());
            assertThat(succeeded(killedJob)).as(killedJob.toString()).hasSize(1);
            assertThat(succeeded(killedJob).get(0).worker()).isNotEqualTo(killedId);
        }
    }

    /** A RUNNING event of {@code workerId} for a job no other worker has run (not a redelivery it inherited). */
    private static Predicate<JobEvent> firstRunOn(String workerId, JobEventLog events) {
        return JobEventLog.runningOn(workerId).and(e -> events.events(e.jobId()).stream()
                .noneMatch(x -> x.state() == JobState.RUNNING && !workerId.equals(x.worker())));
    }

    /** A job's events as {@code STATE@worker} in order, for the log. */
    private static String story(List<JobEvent> events) {
        return String.join(" → ", events.stream().map(e -> e.state() + "@" + e.worker() + " " + e.at()).toList());
    }

    private static List<JobEvent> succeeded(List<JobEvent> events) {
        return events.stream().filter(e -> e.state() == JobState.SUCCEEDED).toList();
    }

    private static Instant at(ScaleHarness h, String worker, Action action) {
        return h.timeline().events().stream().filter(e -> e.worker().equals(worker) && e.action() == action)
                .map(ScaleTimeline.ScaleEvent::at).findFirst().orElseThrow();
    }
}
