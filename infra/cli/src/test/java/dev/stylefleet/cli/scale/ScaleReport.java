package dev.stylefleet.cli.scale;

import dev.stylefleet.cli.ServiceProcess;
import dev.stylefleet.cli.scale.ScaleTimeline.Action;
import dev.stylefleet.cli.scale.ScaleTimeline.Phase;
import dev.stylefleet.cli.scale.ScaleTimeline.ScaleEvent;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The timing figures of a scale run: per phase the completions, throughput, the workers' CPU time per
 * job and the latency of the jobs completed in it; per scale event the longest gap between consecutive completions (SUCCEEDED events, by the time the
 * worker stamped on them) within {@link #STALL_WINDOW} of it; per added worker the time from its process
 * start to readiness and to its first job (its first RUNNING event).
 */
public record ScaleReport(List<PhaseFigures> phases, List<Stall> stalls, List<FirstJob> firstJobs) {
    /** How far before and after a scale event a stall in completions is attributed to it. */
    public static final Duration STALL_WINDOW = Duration.ofSeconds(10);

    /**
     * @param latencies QUEUED → first SUCCEEDED of the jobs completed in the phase (gateway's and worker's
     *                  stamps), sorted
     */
    public record PhaseFigures(String label, int workers, Duration length, int completed, Duration workerCpu,
            List<Duration> latencies) {
        /** The {@code q}-quantile (nearest rank) of the latencies; null without completions. */
        public Duration latency(double q) {
            return latencies.isEmpty() ? null
                    : latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(q * latencies.size()) - 1));
        }

        public double jobsPerSecond() {
            return completed / seconds(length);
        }

        /** Worker CPU milliseconds per completed job; NaN without completions. */
        public double cpuMsPerJob() {
            return completed == 0 ? Double.NaN : workerCpu.toNanos() / 1e6 / completed;
        }
    }

    /**
     * @param event   what was done ({@code SIGTERM worker-infer-3}); a start spans START to READY, a SIGTERM
     *                SIGTERM to EXITED
     * @param longest the longest gap between consecutive completions that overlaps
     *                [{@code from} − window, {@code to} + window]
     */
    public record Stall(String event, Instant from, Instant to, Duration longest) {}

    /** @param firstJob empty if it never took one */
    public record FirstJob(String worker, Duration ready, Optional<Duration> firstJob) {}

    public static ScaleReport of(ScaleTimeline timeline, WorkerCpuMeter cpu, JobEventLog events,
            List<ServiceProcess> added) {
        List<JobEvent> all = events.all();
        List<Instant> completions = all.stream().filter(e -> e.state() == JobState.SUCCEEDED)
                .map(JobEvent::at).sorted().toList();
        // Per job: queued (the gateway's QUEUED) and first completed; latency = the difference.
        Map<String, Instant> queued = new HashMap<>();
        Map<String, Instant> firstDone = new HashMap<>();
        for (JobEvent e : all) {
            if (e.state() == JobState.QUEUED) {
                queued.putIfAbsent(e.jobId(), e.at());
            } else if (e.state() == JobState.SUCCEEDED) {
                firstDone.putIfAbsent(e.jobId(), e.at());
            }
        }
        List<PhaseFigures> phases = new ArrayList<>();
        for (Phase p : timeline.phases()) {
            int done = (int) completions.stream().filter(t -> !t.isBefore(p.start()) && t.isBefore(p.end())).count();
            List<Duration> latencies = firstDone.entrySet().stream()
                    .filter(d -> !d.getValue().isBefore(p.start()) && d.getValue().isBefore(p.end())
                            && queued.containsKey(d.getKey()))
                    .map(d -> Duration.between(queued.get(d.getKey()), d.getValue())).sorted().toList();
            phases.add(new PhaseFigures(p.label(), p.workers(), p.length(), done, cpu.between(p.start(), p.end()),
                    latencies));
        }
        List<Stall> stalls = new ArrayList<>();
        List<ScaleEvent> scale = timeline.events();
        for (ScaleEvent e : scale) {
            Action endAction = switch (e.action()) {
                case START -> Action.READY;
                case SIGTERM -> Action.EXITED;
                default -> null;
            };
            if (e.action() == Action.READY || e.action() == Action.EXITED) {
                continue;
            }
            Instant to = endAction == null ? e.at() : scale.stream()
                    .filter(x -> x.worker().equals(e.worker()) && x.action() == endAction)
                    .map(ScaleEvent::at).findFirst().orElse(e.at());
            String what = (e.action() == Action.START ? "start" : e.action().name()) + " " + e.worker();
            stalls.add(new Stall(what, e.at(), to, longestGap(completions, e.at().minus(STALL_WINDOW),
                    to.plus(STALL_WINDOW))));
        }
        List<FirstJob> firsts = new ArrayList<>();
        for (ServiceProcess p : added) {
            String id = ScaleHarness.workerId(p);
            Instant ready = scale.stream().filter(x -> x.worker().equals(id) && x.action() == Action.READY)
                    .map(ScaleEvent::at).findFirst().orElseThrow();
            Optional<Duration> first = all.stream().filter(JobEventLog.runningOn(id)).map(JobEvent::at).findFirst()
                    .map(t -> Duration.between(p.startedAt(), t));
            firsts.add(new FirstJob(id, Duration.between(p.startedAt(), ready), first));
        }
        return new ScaleReport(phases, stalls, firsts);
    }

    /** The longest gap between consecutive instants of the sorted {@code times} that overlaps [from, to]. */
    static Duration longestGap(List<Instant> times, Instant from, Instant to) {
        Duration longest = Duration.ZERO;
        for (int i = 1; i < times.size(); i++) {
            Instant a = times.get(i - 1);
            Instant b = times.get(i);
            if (b.isAfter(from) && a.isBefore(to)) {
                Duration gap = Duration.between(a, b);
                if (gap.compareTo(longest) > 0) {
                    longest = gap;
                }
            }
        }
        return longest;
    }

    /** The three tables, in Markdown. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| phase | workers | length (s) | completed | jobs/s | worker CPU (s) | CPU ms/job "
                + "| latency p50 / p95 (ms) |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (PhaseFigures p : phases) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %d | %.2f | %.1f | %s | %s |%n", p.label(),
                    p.workers(), seconds(p.length()), p.completed(), p.jobsPerSecond(),
                    seconds(p.workerCpu()), Double.isNaN(p.cpuMsPerJob()) ? "-"
                            : String.format(Locale.ROOT, "%.0f", p.cpuMsPerJob()),
                    p.latencies().isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f / %.0f",
                            p.latency(0.5).toNanos() / 1e6, p.latency(0.95).toNanos() / 1e6)));
        }
        b.append("\n| scale event | took (s) | longest gap between completions within ±")
                .append(STALL_WINDOW.toSeconds()).append(" s (s) |\n|---|---|---|\n");
        for (Stall s : stalls) {
            b.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f |%n", s.event(),
                    seconds(Duration.between(s.from(), s.to())), seconds(s.longest())));
        }
        b.append("\n| added worker | start → ready (s) | start → first job (s) |\n|---|---|---|\n");
        for (FirstJob f : firstJobs) {
            b.append(String.format(Locale.ROOT, "| %s | %.1f | %s |%n", f.worker(), seconds(f.ready()),
                    f.firstJob().map(d -> String.format(Locale.ROOT, "%.1f", seconds(d))).orElse("none")));
        }
        return b.toString();
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
