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
    void carriesAnInlineInputAsBase64AndNeedsExactlyOneInput() {
        byte[] image = new byte[300_000];
        new java.util.Random(1).nextBytes(image);
        InferJobRequested inline = new InferJobRequested(Messages.SCHEMA_VERSION, "job-1", "local", "super-resolve",
                "bicubic-x4", null, "png", InferOptions.defaults(), Instant.parse("2026-01-02T03:04:05Z"), image);
        byte[] bytes = Messages.INFER_JOB_REQUESTED.encode(inline);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"inputBytes\":\"")
                .doesNotContain("inputKey");
        InferJobRequested back = Messages.INFER_JOB_REQUESTED.decode(bytes);
        assertThat(back.inputBytes()).isEqualTo(image);
        assertThat(back.inputKey()).isNull();

        InferJobRequested neither = new InferJobRequested(Messages.SCHEMA_VERSION, "job-1", "local", "super-resolve",
                "bicubic-x4", null, "png", InferOptions.defaults(), Instant.now(), null);
        assertThatThrownBy(() -> Messages.INFER_JOB_REQUESTED.encode(neither)).isInstanceOf(InvalidMessageException.class);
        InferJobRequested both = new InferJobRequested(Messages.SCHEMA_VERSION, "job-1", "local", "super-resolve",
                "bicubic-x4", "inputs/local/job-1/input", "png", InferOptions.defaults(), Instant.now(), image);
        assertThatThrownBy(() -> Messages.INFER_JOB_REQUESTED.encode(both)).isInstanceOf(InvalidMessageException.class);
        byte[] tooLarge = new byte[(1 << 20) + 3]; // the schema bounds the base64 text: 4 chars per 3 bytes
        InferJobRequested huge = new InferJobRequested(Messages.SCHEMA_VERSION, "job-1", "local", "super-resolve",
                "bicubic-x4", null, "png", InferOptions.defaults(), Instant.now(), tooLarge);
        assertThatThrownBy(() -> Messages.INFER_JOB_REQUESTED.encode(huge)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("inputBytes");
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

    /** Found by MessageCodecFuzzTest: "" decoded to a null Instant, a message that could not be encoded again. */
    @Test
    void refusesAnEmptyStringForAnInstantOnConsume() {
        byte[] bytes = ("{\"schemaVersion\":1,\"jobId\":\"job-1\",\"tenant\":\"acme\",\"requestedAt\":\"\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Messages.CANCEL_REQUESTED.decode(bytes)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("CancelRequested");
    }
}
