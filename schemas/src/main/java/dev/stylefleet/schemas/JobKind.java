package dev.stylefleet.schemas;

/** Which worker pool a job belongs to. */
public enum JobKind { INFER, TRAIN }
