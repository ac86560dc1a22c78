package dev.stylefleet.cli.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@code FaultSuiteCommand}: mixed jobs with misbehaving callbacks from concurrent
 * clients while an inference worker is SIGKILLed and replaced, the gateway SIGKILLed and restarted, the
 * broker stopped and started again in place, and the S3 server stopped for a while and started again.
 * Nothing accepted is lost, no job has two result objects, every terminal job's callback is delivered with
 * a valid signature, and during the gateway's dependencies' outages no client got a 500 or waited past
 * {@link OutageView#HANG}.
 */
class FaultSuiteIT {
    static final FaultSuite.Settings SETTINGS = new FaultSuite.Settings(6, 2.0, 1, 1, Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(8), Duration.ofSeconds(8), 120, Duration.ofSeconds(90),
            Duration.ofSeconds(90),
            // The killed worker's jobs move on after its session: short here, so the test stays short.
            Map.of("stylefleet.infer.session-timeout", "PT6S"));

    @Test
    void faultsLoseNothingDuplicateNothingAndEveryCallbackArrivesSigned() throws Exception {
        FaultSuite.Result r = FaultSuite.run(SETTINGS, Files.createTempDirectory("fault-suite-it-"));
        System.out.println(FaultReport.summary(r) + "\n" + FaultReport.outages(r) + "\n" + FaultReport.details(r));

        assertThat(r.allEnded()).as("every accepted job ended; " + FaultReport.details(r)).isTrue();
        assertThat(r.jobs().lost()).as("lost").isEmpty();
        assertThat(r.jobs().resultObjects()).as("jobs with more than one result object").isEmpty();
        assertThat(r.jobs().missingResults()).as("SUCCEEDED without a result object").isEmpty();
        assertThat(r.callbacks().missing()).as("terminal jobs without a delivered, signed callback").isEmpty();
        assertThat(r.callbacks().invalidSignatures()).as("attempts with an invalid signature").isZero();
        assertThat(r.callbacks().bodiesDiffering()).as("deliveries with different bodies").isEmpty();
        assertThat(r.callbacks().otherStates()).as("deliveries for a state not the job's final one").isEmpty();
        for (OutageView o : r.outages()) {
            assertThat(o.serverErrors()).as("500s during " + o.fault() + ": " + o.outcomes()).isZero();
            assertThat(o.hangs()).as("hangs during " + o.fault() + ": " + o.outcomes()).isZero();
        }
    }
}
