package dev.stylefleet.train.job;

/** Stable codes of FAILED training jobs (JobEvent.error.code). */
public enum TrainErrorCode {
    /** A parameter is out of range or inconsistent; the message names it and what is allowed. */
    INVALID_PARAMS,
    /** styleImageKey names no object in the data bucket, or the object is not a readable image. */
    INVALID_STYLE_IMAGE,
    /** datasetPrefix holds no objects, or none of them is a readable image. */
    DATASET_UNUSABLE,
    /** The VGG-16 weights cannot be loaded (see Vgg16WeightsSource's message for what was tried). */
    LOSS_NETWORK_UNAVAILABLE,
    /** A bug or an unexpected failure; the message says what broke. */
    INTERNAL
}
