package dev.stylefleet.cli.faults;

import dev.stylefleet.cli.faults.CallbackReceiver.Answer;
import dev.stylefleet.cli.scale.JobAccounting;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A fault run's figures as Markdown: the jobs and callbacks table, the faults with recovery, the outage table. */
public final class FaultReport {
    private FaultReport() {}

    /** The jobs, the callbacks and, per fault, its recovery. */
    public static String summary(FaultSuite.Result r) {
        JobAccounting j = r.jobs();
        CallbackCheck c = r.callbacks();
        StringBuilder b = new StringBuilder();
        b.append("| jobs | |\n|---|---|\n");
        row(b, "accepted (202)", j.accepted());
        row(b, "final states (gateway)", j.finalStates().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        row(b, "**lost** (accepted, not terminal after the drain)", "**" + j.lost().size() + "**");
        row(b, "**duplicate result objects** (jobs with more than one object under `results/<id>/`)",
                "**" + j.resultObjects().size() + "**");
        row(b, "SUCCEEDED without a result object", j.missingResults().size());
        row(b, "run more than once (several RUNNING events)", j.runs().size());
        row(b, "more than one SUCCEEDED event", j.severalSucceeded().size());
        row(b, "submissions refused (whole run)", r.refused().isEmpty() ? "none" : r.refused().toString());
        b.append("\n| callbacks | |\n|---|---|\n");
        row(b, "terminal jobs", c.terminalJobs());
        row(b, "**terminal delivery accepted with a valid signature**", "**" + c.delivered() + "** of "
                + c.terminalJobs());
        row(b, "delivery attempts received", c.attempts());
        row(b, "receiver's answers", "503: " + c.answers().getOrDefault(Answer.FAILED_503, 0) + ", held past the "
                + "gateway's timeout: " + c.answers().getOrDefault(Answer.HELD_THEN_200, 0) + ", 200: "
                + c.answers().getOrDefault(Answer.OK_200, 0));
        row(b, "attempts with an invalid signature", c.invalidSignatures());
        row(b, "deliveries accepted more than once (same delivery id)", c.deliveredMoreThanOnce());
        row(b, "deliveries whose attempts differ in body", c.bodiesDiffering().size());
        row(b, "terminal deliveries for a state other than the job's final one", c.otherStates().size());
        b.append("\n| fault | target | down for | first completion after | throughput back after "
                + "| longest gap in completions | completions/s before |\n|---|---|---|---|---|---|---|\n");
        for (Recovery rec : r.recoveries()) {
            Fault f = rec.fault();
            b.append(String.format(Locale.ROOT, "| %s | `%s` | %s | %s | %s | %s | %.1f |%n", f.kind().label(),
                    f.target(), seconds(Duration.between(f.injected(), f.restored())), seconds(rec.firstCompletion()),
                    seconds(rec.throughputBack()), seconds(rec.longestGap()), rec.rateBefore()));
        }
        return b.toString();
    }

    /** What clients saw during each outage (the sub-table of "What a client sees during an outage"). */
    public static String outages(FaultSuite.Result r) {
        StringBuilder b = new StringBuilder("| outage | submissions | answers | refused answered with `Retry-After` "
                + "| latency p50 | latency max | 500s | hangs (> " + OutageView.HANG.toSeconds() + " s) |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (OutageView o : r.outages()) {
            b.append(String.format(Locale.ROOT, "| %s (%s) | %d | %s | %d of %d | %s | %s | %d | %d |%n",
                    o.fault().kind().label(), seconds(Duration.between(o.fault().injected(), o.fault().restored())),
                    o.submissions(), outcomes(o.outcomes()), o.retryAfter(), o.answeredRefused(), millis(o.p50()),
                    millis(o.max()), o.serverErrors(), o.hangs()));
        }
        return b.toString();
    }

    private static String outcomes(Map<String, Integer> m) {
        return m.isEmpty() ? "none" : m.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static void row(StringBuilder b, String what, Object value) {
        b.append("| ").append(what).append(" | ").append(value).append(" |\n");
    }

    static String seconds(Duration d) {
        return d == null ? "—" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static String millis(Duration d) {
        return d == null ? "—" : d.toMillis() + " ms";
    }

    /** For assertion messages: the lists behind the counts. */
    public static String details(FaultSuite.Result r) {
        return "lost " + r.jobs().lost() + ", duplicates " + r.jobs().resultObjects() + ", callbacks missing "
                + first(r.callbacks().missing()) + ", bodies differing " + first(r.callbacks().bodiesDiffering())
                + ", other states " + first(r.callbacks().otherStates()) + "; jobs without their callback: "
                + String.join("\n  ", r.missingCallbackSamples()) + "\nlogs in " + r.logs();
    }

    private static List<String> first(List<String> l) {
        return l.size() > 10 ? l.subList(0, 10) : l;
    }
}
