package dev.stylefleet.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fully populated, valid instance of every message type, for the codec tests. */
final class SampleMessages {
    private SampleMessages() {}

    static final Instant AT = Instant.parse("2026-01-02T03:04:05.123Z");
    static final String HASH = "0123456789abcdef".repeat(4);

    static InferOptions options() {
        return new InferOptions(1024, true, 0.75, false, 90, InferOptions.PRECISION_INT8);
    }

    static InferJobRequested infer() {
        return new InferJobRequested(Messages.SCHEMA_VERSION, "job-1", "acme", InferJobRequested.TASK_STYLIZE,
                "candy", "inputs/acme/job-1/input", "jpeg", options(), AT);
    }

    static TrainParams params() {
        return new TrainParams("style", "instance", "resize", "reflect", 1.0, null, "feature", 40000, 4, 256, 512,
                1e-3, 1.0, 5.0, 1e-6, null, "relu2_2", Map.of("relu1_2", 1.0, "relu4_3", 0.5), 1000, 50, 42L,
                "none", "tanh150", "l2", "cosine", "blur-bicubic", "candy");
    }

    static TrainJobRequested train() {
        return new TrainJobRequested(Messages.SCHEMA_VERSION, "job-2", "acme", TrainJobRequested.TASK_STYLE,
                "styles/acme/s-1/style.png", "datasets/acme/coco/", "my-style", params(), AT);
    }

    static JobRecord.Request request() {
        return new JobRecord.Request("stylize", "candy", "png", options(), "https://example.com/hook", true,
                "idem-1", HASH, "Starry", "coco", "my-style", "inputs/acme/job-1/input");
    }

    static JobEvent event() {
        return new JobEvent(Messages.SCHEMA_VERSION, "job-1", "acme", JobKind.INFER, JobState.SUCCEEDED, AT,
                "host-42", new JobEvent.Progress(10, 100, Map.of("total", 1.5), 2.0, 45.0, "previews/job-1/step-10.png"),
                new JobEvent.Result("results/job-1/result.png", "image/png", 640, 480, null,
                        new JobEvent.Timings(1.5, 20.25, 3.0),
                        new JobEvent.Precision("int8", "auto: int8 variant and avx512_vnni")),
                null, request());
    }

    static JobRecord record() {
        return new JobRecord(Messages.SCHEMA_VERSION, "job-1", "acme", JobKind.TRAIN, JobState.FAILED, AT, AT, AT,
                request(), new JobEvent.Progress(10, 100, Map.of("total", 1.5), null, null, null),
                List.of(new JobRecord.LossPoint(10, Map.of("total", 1.5, "style", 0.5))),
                new JobEvent.Result("results/job-1/result.png", "image/png", 640, 480, "my-style"),
                new JobEvent.Error("DATASET_UNUSABLE", "no images"),
                List.of(new JobRecord.CallbackAttempt("d-1", 1, AT, "FAILED", 503, "Service Unavailable"),
                        new JobRecord.CallbackAttempt("d-1", 2, AT, "DELIVERED", 200, null)));
    }

    static CancelRequested cancel() {
        return new CancelRequested(Messages.SCHEMA_VERSION, "job-1", "acme", AT);
    }

    static DeadLetter deadLetter() {
        return new DeadLetter(Messages.SCHEMA_VERSION, Topics.INFER_JOBS, 3, 1234L, "job-1", "{oops",
                "InferJobRequested: not JSON", "infer-worker", AT);
    }

    static ModelManifest manifest() {
        return new ModelManifest(Messages.SCHEMA_VERSION, "sr-x4", "20260102T030405Z", "super-resolve", 4,
                "c9s1-32,d64,d128,R128x5,u64,u32,c9s1-3", HASH, 1_700_000L, AT, "job-2", "acme",
                Map.of("skip", "bicubic"), new Int8Variant(HASH, 900_000L, "64 photos at 256 px", 12, 38.0,
                        44.5, 41.25, 28.5, 28.47, 0.81, 0.809));
    }
}
