package dev.stylefleet.cli.faults;

import dev.stylefleet.cli.scale.JobLoad.Response;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the load's clients saw while a fault lasted: the answers to the submissions sent between its
 * injection and its restoration.
 *
 * @param outcomes    per outcome ({@code HTTP 202}, {@code HTTP 503 ENQUEUE_FAILED}, {@code ConnectException}, ...)
 * @param refused     submissions not accepted
 * @param retryAfter  of the refused ones answered with a status, how many carried {@code Retry-After}
 * @param answeredRefused refused ones that got an HTTP answer
 * @param p50         latency of every submission of the window (nearest rank)
 * @param max         the longest
 * @param serverErrors answers 500 (or any 5xx other than 503)
 * @param hangs       submissions that took longer than {@link #HANG} or timed out on the client
 */
public record OutageView(Fault fault, int submissions, Map<String, Integer> outcomes, int refused,
        int answeredRefused, int retryAfter, Duration p50, Duration max, int serverErrors, int hangs) {
    /**
     * An answer slower than this is a hang: the contract (docs/reliability.md) is a quick 503 within
     * seconds; this is the bound the suite holds the gateway to.
     */
    public static final Duration HANG = Duration.ofSeconds(10);

    public static OutageView of(Fault fault, List<Response> all) {
        List<Response> in = all.stream().filter(r -> !r.at().isBefore(fault.injected())
                && r.at().isBefore(fault.restored())).sorted(Comparator.comparing(Response::latency)).toList();
        Map<String, Integer> outcomes = new TreeMap<>();
        int refused = 0;
        int answeredRefused = 0;
        int retryAfter = 0;
        int serverErrors = 0;
        int hangs = 0;
        for (Response r : in) {
            outcomes.merge(r.outcome() + (r.code() == null ? "" : " " + r.code()), 1, Integer::sum);
            if (r.status() != 202) {
                refused++;
                if (r.answered()) {
                    answeredRefused++;
                    if (r.retryAfter() != null) {
                        retryAfter++;
                    }
                }
            }
            if (r.status() >= 500 && r.status() != 503) {
                serverErrors++;
            }
            if (r.latency().compareTo(HANG) > 0 || r.outcome().equals("HttpTimeoutException")) {
                hangs++;
            }
        }
        Duration p50 = in.isEmpty() ? null : in.get(Math.max(0, (int) Math.ceil(0.5 * in.size()) - 1)).latency();
        Duration max = in.isEmpty() ? null : in.get(in.size() - 1).latency();
        return new OutageView(fault, in.size(), outcomes, refused, answeredRefused, retryAfter, p50, max,
                serverErrors, hangs);
    }
}
