package dev.stylefleet.cli.faults;

import dev.stylefleet.cli.faults.CallbackReceiver.Answer;
import dev.stylefleet.cli.faults.CallbackReceiver.Attempt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The callbacks of a fault run held against the jobs' final states: every terminal job's terminal
 * delivery ({@code <jobId>-<state>}, docs/api.md) reached the receiver, answered 200 in time, with a valid
 * signature; a delivery received more than once always with the same id and the same body; no job with
 * a terminal delivery for a state other than its final one.
 *
 * @param terminalJobs        jobs with a terminal final state
 * @param delivered           of those, with their terminal delivery accepted and validly signed
 * @param missing             terminal jobs without (ids)
 * @param attempts            delivery attempts received
 * @param answers             the receiver's answers, per kind
 * @param invalidSignatures   attempts whose signature did not verify
 * @param deliveredMoreThanOnce deliveries accepted more than once (same id: allowed)
 * @param bodiesDiffering     deliveries whose attempts carried different bodies
 * @param otherStates         jobs with a terminal delivery for a state that is not their final state
 */
public record CallbackCheck(int terminalJobs, int delivered, List<String> missing, int attempts,
        Map<Answer, Integer> answers, int invalidSignatures, int deliveredMoreThanOnce, List<String> bodiesDiffering,
        List<String> otherStates) {

    /** Terminal states a job can end in, as the gateway names them in a delivery id. */
    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "cancelled");

    /** {@code finalStates}: job id → the gateway's final state of every accepted job that ended. */
    public static CallbackCheck of(Map<String, String> finalStates, List<Attempt> attempts) {
        Map<String, Integer> acceptedCount = new HashMap<>();
        Map<String, Set<String>> bodies = new HashMap<>();
        Map<String, Set<String>> terminalIdsByJob = new HashMap<>();
        Map<Answer, Integer> answers = new java.util.EnumMap<>(Answer.class);
        int invalid = 0;
        for (Attempt a : attempts) {
            answers.merge(a.answer(), 1, Integer::sum);
            if (!a.signatureValid()) {
                invalid++;
            }
            if (a.deliveryId() == null) {
                continue;
            }
            bodies.computeIfAbsent(a.deliveryId(), k -> new HashSet<>()).add(a.bodySha256());
            if (a.delivered() && a.signatureValid()) {
                acceptedCount.merge(a.deliveryId(), 1, Integer::sum);
            }
            if (a.jobId() != null && a.deliveryId().startsWith(a.jobId() + "-")
                    && TERMINAL.contains(a.deliveryId().substring(a.jobId().length() + 1))) {
                terminalIdsByJob.computeIfAbsent(a.jobId(), k -> new HashSet<>()).add(a.deliveryId());
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> other = new ArrayList<>();
        int delivered = 0;
        for (Map.Entry<String, String> job : finalStates.entrySet()) {
            String expected = job.getKey() + "-" + job.getValue().toLowerCase(Locale.ROOT);
            if (acceptedCount.getOrDefault(expected, 0) > 0) {
                delivered++;
            } else {
                missing.add(job.getKey());
            }
            for (String id : terminalIdsByJob.getOrDefault(job.getKey(), Set.of())) {
                if (!id.equals(expected)) {
                    other.add(id);
                }
            }
        }
        List<String> differing = bodies.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey).sorted().toList();
        int several = (int) acceptedCount.values().stream().filter(n -> n > 1).count();
        return new CallbackCheck(finalStates.size(), delivered, missing, attempts.size(), answers, invalid, several,
                differing, other);
    }

    public boolean allDelivered() {
        return missing.isEmpty() && invalidSignatures == 0 && bodiesDiffering.isEmpty() && otherStates.isEmpty();
    }
}
