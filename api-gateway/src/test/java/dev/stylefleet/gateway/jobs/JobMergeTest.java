package dev.stylefleet.gateway.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobRecord;
import dev.stylefleet.schemas.JobState;
import dev.stylefleet.schemas.Messages;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Merging records into jobs: the rules that make the compacted topics enough to rebuild every job,
 * whatever order the reader meets records and events in.
 */
class JobMergeTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static JobEvent event(JobState state, int second) {
        return new JobEvent(Messages.SCHEMA_VERSION, "j1", "acme", JobKind.TRAIN, state, T0.plusSeconds(second), "w",
                null, null, null);
    }

    private static JobEvent progress(long step, double loss) {
        return event(JobState.RUNNING, (int) step).withProgress(new JobEvent.Progress(step, 100, Map.of("total", loss),
                2.0, 10.0, "previews/j1/step-" + step + ".png"));
    }

    private static final JobRecord.Request REQUEST = new JobRecord.Request("style", null, null, null,
            "https://example.com/hook", true, "key-1", "ab".repeat(32), "Mosaic", "coco", "mosaic-1", "styles/x");

    @Test
    void progressBuildsTheLossHistoryAndKeepsTheLatestReport() {
        Job job = Job.from(event(JobState.QUEUED, 0)).on(progress(10, 5.0)).on(progress(20, 4.0)).on(progress(10, 5.0));
        assertThat(job.lossHistory()).extracting(JobRecord.LossPoint::step).containsExactly(10L, 20L);
        assertThat(job.progress().step()).isEqualTo(20);
        // A late, older report does not replace the latest one.
        assertThat(job.on(progress(15, 4.5)).progress().step()).isEqualTo(20);
        assertThat(job.on(progress(15, 4.5)).lossHistory()).extracting(JobRecord.LossPoint::step).containsExactly(10L, 15L, 20L);
    }

    @Test
    void aRecordAloneRebuildsTheJob() {
        Job full = Job.from(event(JobState.QUEUED, 0).withRequest(REQUEST)).on(progress(10, 5.0)).on(progress(20, 4.0))
                .on(event(JobState.SUCCEEDED, 30).withResult(new JobEvent.Result(null, null, null, null, "mosaic-1")))
                .withAttempt(new JobRecord.CallbackAttempt("j1-succeeded", 1, T0.plusSeconds(31), "DELIVERED", 200, null));
        JobRecord record = Messages.JOB_RECORD.decode(Messages.JOB_RECORD.encode(full.toRecord()));
        Job rebuilt = Job.from(record);
        assertThat(rebuilt.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(rebuilt.request()).isEqualTo(REQUEST);
        assertThat(rebuilt.lossHistory()).isEqualTo(full.lossHistory());
        assertThat(rebuilt.callbacks()).isEqualTo(full.callbacks());
        assertThat(rebuilt.result().modelId()).isEqualTo("mosaic-1");
        assertThat(rebuilt.stateAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aRecordsTerminalStateWinsOverAContradictingEventInEitherOrder() {
        // In partition order the gateway's CANCELLED came first; the worker's SUCCEEDED came later and
        // is all compaction left of the events. The record holds the fold: CANCELLED.
        Job folded = Job.from(event(JobState.QUEUED, 0)).on(event(JobState.CANCELLED, 5).withError("CANCELLED", "by client"));
        JobRecord record = folded.toRecord();
        JobEvent lateSuccess = event(JobState.SUCCEEDED, 6).withResult(new JobEvent.Result("r", "image/png", 1, 1, null));

        Job eventFirst = Job.from(lateSuccess).merge(record);
        Job recordFirst = Job.from(record).on(lateSuccess);
        assertThat(eventFirst.state()).isEqualTo(JobState.CANCELLED);
        assertThat(recordFirst.state()).isEqualTo(JobState.CANCELLED);
        assertThat(eventFirst.output()).isNull();
    }

    @Test
    void anOlderRecordNeverTakesAJobBack() {
        Job queued = Job.from(event(JobState.QUEUED, 0).withRequest(REQUEST));
        JobRecord old = queued.toRecord();
        Job running = queued.on(progress(10, 5.0));
        Job merged = running.merge(old);
        assertThat(merged).isEqualTo(running);
    }

    @Test
    void attemptsAreAUnion() {
        JobRecord.CallbackAttempt a1 = new JobRecord.CallbackAttempt("d", 1, T0.plusSeconds(1), "FAILED", 500, "x");
        JobRecord.CallbackAttempt a2 = new JobRecord.CallbackAttempt("d", 2, T0.plusSeconds(2), "DELIVERED", 200, null);
        Job base = Job.from(event(JobState.SUCCEEDED, 0).withResult(new JobEvent.Result("r", null, 1, 1, null)));
        Job one = base.withAttempt(a1);
        Job two = base.withAttempt(a2);
        assertThat(one.merge(two.toRecord()).callbacks()).containsExactly(a1, a2);
        assertThat(one.withAttempt(a1)).isSameAs(one);
    }

    @Test
    void storeIndexesIdempotencyKeysAndTrimsLossHistory() {
        JobStore store = new JobStore(2, 200);
        store.update("j1", j -> Job.from(event(JobState.QUEUED, 0).withRequest(REQUEST)));
        store.apply(progress(1, 3));
        store.apply(progress(2, 2));
        store.apply(progress(3, 1));
        assertThat(store.findByIdempotencyKey("acme", "key-1")).map(Job::id).contains("j1");
        assertThat(store.findByIdempotencyKey("other", "key-1")).isEmpty();
        assertThat(store.get("j1").orElseThrow().lossHistory()).extracting(JobRecord.LossPoint::step).containsExactly(2L, 3L);
    }

    @Test
    void callbackAttemptsAreBoundedToTheNewest() {
        JobStore store = new JobStore(10, 2);
        store.apply(event(JobState.QUEUED, 0));
        for (int i = 1; i <= 3; i++) {
            JobRecord.CallbackAttempt a = new JobRecord.CallbackAttempt("d", i, T0.plusSeconds(i), "FAILED", 500, null);
            store.update("j1", j -> j.withAttempt(a));
        }
        assertThat(store.get("j1").orElseThrow().callbacks()).extracting(JobRecord.CallbackAttempt::attempt).containsExactly(2, 3);
    }
}
