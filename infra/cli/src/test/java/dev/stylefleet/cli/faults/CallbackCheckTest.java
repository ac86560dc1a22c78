package dev.stylefleet.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.cli.faults.CallbackReceiver.Answer;
import dev.stylefleet.cli.faults.CallbackReceiver.Attempt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fault suite's callback verdicts: signature check against a reference vector, and the accounting. */
class CallbackCheckTest {
    private static final Instant T = Instant.ofEpochSecond(1795793330);

    @Test
    void signatureVerifiesAgainstAnHmacComputedElsewhere() throws Exception {
        // python3: hmac.new(b"local-dev-callback-secret", b"1795793330." + body, hashlib.sha256).hexdigest()
        byte[] body = "{\"deliveryId\":\"j1-succeeded\"}".getBytes(StandardCharsets.UTF_8);
        String v1 = "85371c19643e0009a155da86454e30e5d19ccf3dc65798c27c2537da499b0749";
        try (CallbackReceiver r = new CallbackReceiver("local-dev-callback-secret", Duration.ofSeconds(3))) {
            assertThat(r.verify("t=1795793330,v1=" + v1, body, T)).isTrue();
            assertThat(r.verify("t=1795793331,v1=" + v1, body, T)).as("another t").isFalse();
            assertThat(r.verify("t=1795793330,v1=" + v1, "{}".getBytes(StandardCharsets.UTF_8), T)).isFalse();
            assertThat(r.verify("t=1795793330,v1=" + v1, body, T.plus(Duration.ofHours(1)))).as("replay").isFalse();
            assertThat(r.verify(null, body, T)).isFalse();
            assertThat(r.verify("t=x,v1=zz", body, T)).isFalse();
        }
    }

    @Test
    void aThirdOfTheAttemptsFailAndSomeAreHeld() {
        int failed = 0;
        int held = 0;
        for (int i = 0; i < 3000; i++) {
            Answer a = CallbackReceiver.decide("job" + i + "-succeeded", 1 + i % 3);
            failed += a == Answer.FAILED_503 ? 1 : 0;
            held += a == Answer.HELD_THEN_200 ? 1 : 0;
        }
        assertThat(failed).isBetween(900, 1100);
        assertThat(held).isBetween(120, 280);
    }

    @Test
    void theAttemptsOfOneDeliveryAreDrawnIndependently() {
        // With a third refused, ten refusals in a row happen to about 1 delivery in 59,000; the old draw
        // (String.hashCode, linear in the attempt number) refused runs of 28.
        int longestRun = 0;
        for (int i = 0; i < 2000; i++) {
            int run = 0;
            for (int attempt = 1; attempt <= 40; attempt++) {
                run = CallbackReceiver.decide("job" + i + "-succeeded", attempt) == Answer.FAILED_503 ? run + 1 : 0;
                longestRun = Math.max(longestRun, run);
            }
        }
        assertThat(longestRun).isBetween(3, 12);
    }

    @Test
    void everyTerminalJobNeedsItsOwnDeliveryAcceptedAndSigned() {
        List<Attempt> attempts = List.of(
                attempt("a-succeeded", 1, "a", "SUCCEEDED", true, "h1", Answer.FAILED_503),
                attempt("a-succeeded", 2, "a", "SUCCEEDED", true, "h1", Answer.OK_200),
                attempt("a-succeeded", 3, "a", "SUCCEEDED", true, "h1", Answer.OK_200),
                attempt("b-failed", 1, "b", "FAILED", true, "h2", Answer.HELD_THEN_200),
                attempt("c-succeeded", 1, "c", "SUCCEEDED", false, "h3", Answer.OK_200),
                attempt("d-failed", 1, "d", "FAILED", true, "h4", Answer.OK_200),
                attempt("d-succeeded", 1, "d", "SUCCEEDED", true, "h5", Answer.OK_200),
                attempt("d-succeeded", 2, "d", "SUCCEEDED", true, "h6", Answer.OK_200));
        CallbackCheck c = CallbackCheck.of(Map.of("a", "SUCCEEDED", "b", "FAILED", "c", "SUCCEEDED",
                "d", "SUCCEEDED"), attempts);

        assertThat(c.delivered()).isEqualTo(2); // a, d
        assertThat(c.missing()).containsExactlyInAnyOrder("b", "c"); // b only held (a timeout), c badly signed
        assertThat(c.invalidSignatures()).isEqualTo(1);
        assertThat(c.deliveredMoreThanOnce()).isEqualTo(2); // a twice (allowed), d-succeeded twice
        assertThat(c.bodiesDiffering()).containsExactly("d-succeeded");
        assertThat(c.otherStates()).containsExactly("d-failed");
        assertThat(c.allDelivered()).isFalse();
    }

    private static Attempt attempt(String id, int n, String job, String state, boolean valid, String sha, Answer a) {
        return new Attempt(T, id, n, job, state, valid, sha, a);
    }
}
