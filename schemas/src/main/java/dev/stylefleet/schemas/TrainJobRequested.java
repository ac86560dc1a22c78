package dev.stylefleet.schemas;

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
public record TrainJobRequested(
        int schemaVersion,
        String jobId,
        String tenant,
        String task,
        String styleImageKey,
        String datasetPrefix,
        String modelId,
        TrainParams params,
        Instant requestedAt) {

    public static final String TASK_STYLE = "style";
    public static final String TASK_SUPER_RESOLVE = "super-resolve";
}
