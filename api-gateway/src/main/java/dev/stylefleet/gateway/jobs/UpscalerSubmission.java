package dev.stylefleet.gateway.jobs;

import dev.stylefleet.schemas.TrainParams;

/**
 * A super-resolution training request that passed every check ({@code POST /v1/upscalers}).
 *
 * @param modelId the id of the model the job will publish (the form's {@code name})
 * @param dataset the tenant's dataset name
 * @param params  the training parameters, {@code scale} set
 */
public record UpscalerSubmission(String tenant, String modelId, String dataset, TrainParams params,
        Submission.Callback callback, Submission.Idempotency idempotency) {}
