package dev.stylefleet.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.cli.scale.JobEventLog.Received;
import dev.stylefleet.cli.scale.JobLoad.Response;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.JobKind;
import dev.stylefleet.schemas.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the suite makes of the clients' answers during a fault and of the completions after it. */
class OutageViewTest {
    private static final Instant T0 = Instant.parse("2026-12-07T04:00:00Z");
    private static final Fault S3 = new Fault(Fault.Kind.S3_OUTAGE, "s3", T0, T0.plusSeconds(30));

    @Test
    void onlyTheSubmissionsSentDuringTheOutageCount() {
        List<Response> all = List.of(
                new Response(T0.minusSeconds(1), Duration.ofMillis(5), "HTTP 202", null, null),
                new Response(T0.plusSeconds(1), Duration.ofMillis(40), "HTTP 503", "5", "STORAGE_UNAVAILABLE"),
                new Response(T0.plusSeconds(2), Duration.ofMillis(20), "HTTP 202", null, null),
                new Response(T0.plusSeconds(3), Duration.ofSeconds(12), "HTTP 500", null, "INTERNAL"),
                new Response(T0.plusSeconds(4), Duration.ofSeconds(30), "HttpTimeoutException", null, null),
                new Response(T0.plusSeconds(31), Duration.ofMillis(5), "HTTP 202", null, null));
        OutageView v = OutageView.of(S3, all);

        assertThat(v.submissions()).isEqualTo(4);
        assertThat(v.refused()).isEqualTo(3);
        assertThat(v.answeredRefused()).isEqualTo(2);
        assertThat(v.retryAfter()).isEqualTo(1);
        assertThat(v.serverErrors()).isEqualTo(1);
        assertThat(v.hangs()).isEqualTo(2);
        assertThat(v.p50()).isEqualTo(Duration.ofMillis(40));
        assertThat(v.max()).isEqualTo(Duration.ofSeconds(30));
        assertThat(v.outcomes()).containsEntry("HTTP 503 STORAGE_UNAVAILABLE", 1).containsEntry("HTTP 202", 1);
    }

    @Test
    void recoveryIsTheFirstCompletionAndTheRateBackAfterTheRestoration() {
        List<Received> done = new ArrayList<>();
        for (int s = 1; s <= 20; s++) { // 2 per second before the fault
            done.add(succeeded(T0.minusSeconds(s).plusMillis(250)));
            done.add(succeeded(T0.minusSeconds(s).plusMillis(750)));
        }
        done.add(succeeded(T0.plusSeconds(33)));
        for (int s = 34; s <= 40; s++) {
            done.add(succeeded(T0.plusSeconds(s)));
            done.add(succeeded(T0.plusSeconds(s).plusMillis(500)));
        }
        Recovery r = Recovery.of(S3, done);

        assertThat(r.rateBefore()).isEqualTo(2.0);
        assertThat(r.firstCompletion()).isEqualTo(Duration.ofSeconds(33));
        // 5 completions (half of 2/s over 5 s) in a window ending at 35.5 s: 33, 34, 34.5, 35, 35.5.
        assertThat(r.throughputBack()).isEqualTo(Duration.ofMillis(35_500));
        assertThat(r.longestGap()).isEqualTo(Duration.ofSeconds(33));
    }

    private static Received succeeded(Instant at) {
        return new Received(at, JobEvent.of("j" + at.toEpochMilli(), "local", JobKind.INFER, JobState.SUCCEEDED, "w"));
    }
}
