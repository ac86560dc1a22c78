package dev.stylefleet.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static InferJobRequested infer(String model) {
        return new InferJobRequested(Messages.SCHEMA_VERSION, "job-1", "local", "super-resolve", model,
                "inputs/local/job-1/input", "png", InferOptions.defaults(), Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void roundTripsAValidMessage() {
        byte[] bytes = Messages.INFER_JOB_REQUESTED.encode(infer("bicubic-x4"));
        assertThat(Messages.INFER_JOB_REQUESTED.decode(bytes)).isEqualTo(infer("bicubic-x4"));
    }

    @Test
    void refusesToProduceAnInvalidMessage() {
        assertThatThrownBy(() -> Messages.INFER_JOB_REQUESTED.encode(infer("Not A Model!")))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("model");
    }

    @Test
    void rejectsNonJsonAndWrongVersionOnConsume() {
        assertThatThrownBy(() -> Messages.JOB_EVENT.decode("{oops".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("not JSON");
        String v2 = "{\"schemaVersion\":2,\"jobId\":\"j\",\"tenant\":\"t\",\"kind\":\"INFER\","
                + "\"state\":\"QUEUED\",\"at\":\"2026-01-01T00:00:00Z\"}";
        assertThatThrownBy(() -> Messages.JOB_EVENT.decode(v2.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("schemaVersion");
    }

    @Test
    void terminalEventsCarryTheirPayload() {
        JobEvent succeededWithoutResult = JobEvent.of("j", "t", JobKind.INFER, JobState.SUCCEEDED, "w");
        assertThatThrownBy(() -> Messages.JOB_EVENT.encode(succeededWithoutResult))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("result");
        JobEvent failed = JobEvent.of("j", "t", JobKind.INFER, JobState.FAILED, "w")
                .withError("INVALID_IMAGE", "image: not a PNG");
        assertThat(Messages.JOB_EVENT.decode(Messages.JOB_EVENT.encode(failed)).error().code())
                .isEqualTo("INVALID_IMAGE");
        JobEvent progress = JobEvent.of("j", "t", JobKind.TRAIN, JobState.RUNNING, "w")
                .withProgress(new JobEvent.Progress(10, 100, Map.of("total", 1.5), 2.0, 45.0, null));
        assertThat(Messages.JOB_EVENT.decode(Messages.JOB_EVENT.encode(progress)).progress().losses())
                .containsEntry("total", 1.5);
    }
}
