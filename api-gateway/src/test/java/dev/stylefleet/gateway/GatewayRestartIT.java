package dev.stylefleet.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stylefleet.gateway.api.JobApiITSupport;
import dev.stylefleet.gateway.jobs.Job;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobRecord;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import dev.stylefleet.schemas.Topics;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway killed (SIGKILL) while its jobs run, with workers reporting while it is down, and
 * started again: afterwards every job's state, result, error and loss history is what the events say.
 * Then the records topic alone (what compaction leaves besides the last event per job) gives the same
 * answers, and a second replica in the same consumer group answers exactly like the first.
 */
class GatewayRestartIT {
    private static final String KEY = LocalStackResource.LOCAL_KEY;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final KafkaProbe kafka = JobApiITSupport.kafka();

    private static String submit(GatewayProcess g) {
        Response r = g.as(KEY).multiPart("image", "p.png", TestImages.png(16, 12), "image/png")
                .multiPart("task", "super-resolve").multiPart("model", "bicubic-x4").post("/v1/jobs");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
        return r.jsonPath().getString("id");
    }

    private void send(String id, JobState state, JobEvent.Progress p, JobEvent.Result result, JobEvent.Error error)
            throws Exception {
        JobEvent e = new JobEvent(Messages.SCHEMA_VERSION, id, "local", JobKind.INFER, state, Instant.now(), "test-worker",
                p, result, error);
        kafka.send(Topics.JOB_EVENTS, id, Messages.JOB_EVENT.encode(e));
    }

    private static JobEvent.Progress progress(long step, double loss) {
        return new JobEvent.Progress(step, 100, Map.of("total", loss), 2.0, 1.0, null);
    }

    private static JobEvent.Result result(String id) {
        return new JobEvent.Result("results/" + id + "/result.png", "image/png", 64, 48, null);
    }

    @Test
    void everyJobIsRightAfterARestartFromTheRecordsAloneAndOnEveryReplica() throws Exception {
        JobApiITSupport.registerModels();
        String group = "restart-it-" + System.nanoTime();
        Map<String, String> expected = new LinkedHashMap<>();
        String done;
        String finishesWhileDown;
        String failsWhileDown;
        String cancelled;
        String staysQueued;
        String progressing;
        try (GatewayProcess first = GatewayProcess.start(group, "restart-it-first")) {
            done = submit(first);
            finishesWhileDown = submit(first);
            failsWhileDown = submit(first);
            cancelled = submit(first);
            staysQueued = submit(first);
            progressing = submit(first);
            send(done, JobState.RUNNING, null, null, null);
            send(done, JobState.SUCCEEDED, null, result(done), null);
            send(finishesWhileDown, JobState.RUNNING, null, null, null);
            send(progressing, JobState.RUNNING, progress(10, 3.0), null, null);
            assertThat(first.as(KEY).delete("/v1/jobs/" + cancelled).statusCode()).isEqualTo(202);
            await().atMost(PATIENCE).until(() -> "SUCCEEDED".equals(first.as(KEY).get("/v1/jobs/" + done).jsonPath().getString("state"))
                    && "CANCELLED".equals(first.as(KEY).get("/v1/jobs/" + cancelled).jsonPath().getString("state")));
            first.kill();
        }

        // While no gateway runs, the workers go on.
        send(finishesWhileDown, JobState.SUCCEEDED, null, result(finishesWhileDown), null);
        send(failsWhileDown, JobState.RUNNING, null, null, null);
        send(failsWhileDown, JobState.FAILED, null, null, new JobEvent.Error("INFERENCE_FAILED", "out of memory"));
        send(progressing, JobState.RUNNING, progress(20, 2.0), null, null);
        send(progressing, JobState.RUNNING, progress(30, 1.0), null, null);
        // A late worker event for the cancelled job: it must not revive it.
        send(cancelled, JobState.SUCCEEDED, null, result(cancelled), null);
        expected.put(done, "SUCCEEDED");
        expected.put(finishesWhileDown, "SUCCEEDED");
        expected.put(failsWhileDown, "FAILED");
        expected.put(cancelled, "CANCELLED");
        expected.put(staysQueued, "QUEUED");
        expected.put(progressing, "RUNNING");

        try (GatewayProcess again = GatewayProcess.start(group, "restart-it-again")) {
            // Ready means caught up: no waiting needed for what was on the topics before the start.
            Map<String, Response> answers = new HashMap<>();
            expected.forEach((id, state) -> {
                Response r = again.as(KEY).get("/v1/jobs/" + id);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.jsonPath().getString("state")).as(id).isEqualTo(state);
                answers.put(id, r);
            });
            assertThat(answers.get(done).jsonPath().getInt("result.width")).isEqualTo(64);
            assertThat(answers.get(finishesWhileDown).jsonPath().getString("result.url")).endsWith("/v1/jobs/" + finishesWhileDown + "/result");
            assertThat(answers.get(failsWhileDown).jsonPath().getString("error.code")).isEqualTo("INFERENCE_FAILED");
            assertThat(answers.get(progressing).jsonPath().getList("lossHistory.step", Long.class)).containsExactly(10L, 20L, 30L);
            assertThat(answers.get(staysQueued).jsonPath().getString("task")).isEqualTo("super-resolve");

            // The restarted owner replays what its predecessor had not committed and records it: the last
            // record of each job alone now gives the same answers (what survives compaction). This test
            // runs in its own JVM (see the pom), so no other gateway can have recorded the events sent
            // while the first one was down.
            await().atMost(PATIENCE).untilAsserted(() -> {
                Map<String, JobRecord> last = lastRecords(expected.keySet());
                expected.forEach((id, state) -> assertThat(last.get(id)).as(id).isNotNull()
                        .extracting(r -> r.state().name()).isEqualTo(state));
                Job rebuilt = Job.from(last.get(progressing));
                assertThat(rebuilt.lossHistory()).extracting(JobRecord.LossPoint::step).containsExactly(10L, 20L, 30L);
                assertThat(Job.from(last.get(staysQueued)).task()).isEqualTo("super-resolve");
                assertThat(Job.from(last.get(finishesWhileDown)).output().key()).isEqualTo(result(finishesWhileDown).key());
            });

            // A second replica in the same group gives the same answers.
            try (GatewayProcess replica = GatewayProcess.start(group, "restart-it-replica")) {
                for (String id : expected.keySet()) {
                    Map<String, Object> a = view(again.as(KEY).get("/v1/jobs/" + id));
                    Map<String, Object> b = view(replica.as(KEY).get("/v1/jobs/" + id));
                    assertThat(b).as(id).isEqualTo(a);
                }
            }
        }
    }

    /** The JobView without the absolute URLs (each replica has its own host and port). */
    private static Map<String, Object> view(Response r) {
        Map<String, Object> m = new HashMap<>(r.jsonPath().getMap(""));
        if (m.get("result") instanceof Map<?, ?> res) {
            Map<Object, Object> copy = new HashMap<>(res);
            copy.computeIfPresent("url", (k, v) -> Objects.toString(v).replaceFirst("^https?://[^/]+", ""));
            m.put("result", copy);
        }
        return m;
    }

    private Map<String, JobRecord> lastRecords(java.util.Set<String> ids) {
        Map<String, JobRecord> last = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> all = kafka.readFrom(Topics.JOB_RECORDS, Map.of());
        for (ConsumerRecord<String, byte[]> r : all) {
            if (ids.contains(r.key()) && r.value() != null) {
                last.put(r.key(), Messages.JOB_RECORD.decode(r.value()));
            }
        }
        return last;
    }
}
