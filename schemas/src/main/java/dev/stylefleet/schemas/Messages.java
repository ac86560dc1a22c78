package dev.stylefleet.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The codecs of every message, and the schema version they carry. */
public final class Messages {
    private Messages() {}

    /** Written into every message; a consumer rejects (dead-letters) a version it does not know. */
    public static final int SCHEMA_VERSION = 1;

    /** The one JSON mapping of our messages: ISO-8601 instants, nulls left out. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    static {
        // Jackson reads "" as null for non-string types (an Instant, an enum): a "requestedAt": "" passed the
        // schema (a string) and decoded to a message missing a required field, which then could not be
        // encoded again. An empty string is refused instead (found by MessageCodecFuzzTest).
        JSON.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }

    public static final MessageCodec<InferJobRequested> INFER_JOB_REQUESTED =
            new MessageCodec<>(InferJobRequested.class, "InferJobRequested");
    public static final MessageCodec<TrainJobRequested> TRAIN_JOB_REQUESTED =
            new MessageCodec<>(TrainJobRequested.class, "TrainJobRequested");
    public static final MessageCodec<JobEvent> JOB_EVENT =
            new MessageCodec<>(JobEvent.class, "JobEvent");
    public static final MessageCodec<CancelRequested> CANCEL_REQUESTED =
            new MessageCodec<>(CancelRequested.class, "CancelRequested");
    public static final MessageCodec<DeadLetter> DEAD_LETTER =
            new MessageCodec<>(DeadLetter.class, "DeadLetter");
    public static final MessageCodec<JobRecord> JOB_RECORD =
            new MessageCodec<>(JobRecord.class, "JobRecord");
    public static final MessageCodec<ModelManifest> MODEL_MANIFEST =
            new MessageCodec<>(ModelManifest.class, "ModelManifest");
}
