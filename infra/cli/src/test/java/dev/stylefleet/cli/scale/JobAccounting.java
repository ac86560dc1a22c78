package dev.stylefleet.cli.scale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.schemas.Buckets;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobState;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of every accepted job of a scale run, from three sources: the gateway's view of the job
 * (its final state), the job events (how often it was run, by which workers, how many SUCCEEDED), and
 * the object store (how many objects lie under the job's result prefix {@code results/<jobId>/}; the
 * result key depends on the job id only, so a rerun overwrites rather than adds).
 *
 * @param accepted       jobs the gateway accepted (202)
 * @param finalStates    per final state as the gateway reports it ({@code FAILED:<code>} for failures)
 * @param lost           accepted jobs the gateway did not report terminal at the end of the run
 * @param resultObjects  jobs with more than one object under their result prefix: the count
 * @param missingResults SUCCEEDED jobs with no result object
 * @param runs           jobs with more than one RUNNING event: the workers, in order
 * @param severalSucceeded jobs with more than one SUCCEEDED event: how many
 * @param terminal       job id → final state as the gateway reports it, of every job that ended
 */
public record JobAccounting(
        int accepted,
        Map<String, Integer> finalStates,
        List<String> lost,
        Map<String, Integer> resultObjects,
        List<String> missingResults,
        Map<String, List<String>> runs,
        Map<String, Integer> severalSucceeded,
        Map<String, String> terminal) {

    private static final String RESULTS_PREFIX = "results/";

    public static JobAccounting of(List<JobLoad.Accepted> accepted, JobLoad gateway, JobEventLog events,
            ObjectStore store) throws IOException, InterruptedException {
        Map<String, Integer> objects = new TreeMap<>();
        for (String key : store.list(Buckets.DATA, RESULTS_PREFIX)) {
            if (!key.endsWith("/")) { // S3Proxy's file store lists its directories too
                objects.merge(key.substring(RESULTS_PREFIX.length()).split("/", 2)[0], 1, Integer::sum);
            }
        }
        Map<String, Integer> states = new TreeMap<>();
        List<String> lost = new java.util.ArrayList<>();
        Map<String, Integer> duplicates = new LinkedHashMap<>();
        List<String> missing = new java.util.ArrayList<>();
        Map<String, List<String>> runs = new LinkedHashMap<>();
        Map<String, Integer> severalSucceeded = new LinkedHashMap<>();
        Map<String, String> terminal = new LinkedHashMap<>();
        for (JobLoad.Accepted a : accepted) {
            String id = a.jobId();
            JsonNode job = gateway.job(id);
            JobState state = JobState.valueOf(job.path("state").asText());
            states.merge(state == JobState.FAILED ? "FAILED:" + job.path("error").path("code").asText()
                    : state.name(), 1, Integer::sum);
            if (!state.terminal()) {
                lost.add(id);
            } else {
                terminal.put(id, state.name());
            }
            int n = objects.getOrDefault(id, 0);
            if (n > 1) {
                duplicates.put(id, n);
            } else if (n == 0 && state == JobState.SUCCEEDED) {
                missing.add(id);
            }
            List<JobEvent> mine = events.events(id);
            List<String> workers = mine.stream().filter(e -> e.state() == JobState.RUNNING)
                    .map(JobEvent::worker).toList();
            if (workers.size() > 1) {
                runs.put(id, workers);
            }
            long succeeded = mine.stream().filter(e -> e.state() == JobState.SUCCEEDED).count();
            if (succeeded > 1) {
                severalSucceeded.put(id, (int) succeeded);
            }
        }
        return new JobAccounting(accepted.size(), states, lost, duplicates, missing, runs, severalSucceeded,
                terminal);
    }
}
