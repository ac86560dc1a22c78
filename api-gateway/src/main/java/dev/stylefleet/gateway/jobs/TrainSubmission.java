package dev.stylefleet.gateway.jobs;

import dev.stylefleet.platform.imaging.ImageHeader;
import dev.stylefleet.schemas.TrainParams;

/**
 * A style-training request that passed every check ({@code POST /v1/styles}).
 *
 * @param styleId     the style's id, which is also the id of the model the job will publish
 * @param name        the style's display name
 * @param dataset     the tenant's dataset name
 * @param styleImage  the uploaded style image
 * @param thumbnail   a downscaled PNG of it
 */
public record TrainSubmission(String tenant, String styleId, String name, String dataset, byte[] styleImage,
        ImageHeader header, byte[] thumbnail, TrainParams params, Submission.Callback callback,
        Submission.Idempotency idempotency) {}
