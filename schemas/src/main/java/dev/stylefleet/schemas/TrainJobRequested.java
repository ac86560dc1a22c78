package dev.stylefleet.schemas;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Asks the training fleet to train one transform network. Topic {@link Topics#TRAIN_JOBS}.
 * JSON Schema: {@code schemas/TrainJobRequested.schema.json}.
 *
 * @param task          {@code style} or {@code super-resolve}
 * @param styleImageKey key of the style image in {@link Buckets#DATA} (style jobs only)
 * @param datasetPrefix prefix of the training images in {@link Buckets#DATA}
 * @param modelId       the registry id the trained model is published under
 */
@JsonClassDescription("Train one transform network. Topic stylefleet.jobs.train, key = jobId.")
@SchemaRule(json = "{\"if\": {\"properties\": {\"task\": {\"const\": \"style\"}}}, \"then\": {\"required\": [\"styleImageKey\"]}}")
public record TrainJobRequested(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.JOB_ID) String jobId,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.TENANT) String tenant,
        @JsonProperty(required = true)
        @SchemaRule(values = {TrainJobRequested.TASK_STYLE, TrainJobRequested.TASK_SUPER_RESOLVE}) String task,
        @SchemaRule(minLength = 1, maxLength = 1024) String styleImageKey,
        @JsonProperty(required = true) @SchemaRule(minLength = 1, maxLength = 1024) String datasetPrefix,
        @JsonProperty(required = true) @SchemaRule(pattern = Patterns.MODEL_ID) String modelId,
        @JsonProperty(required = true) TrainParams params,
        @JsonProperty(required = true) Instant requestedAt) {

    public static final String TASK_STYLE = "style";
    public static final String TASK_SUPER_RESOLVE = "super-resolve";
}
