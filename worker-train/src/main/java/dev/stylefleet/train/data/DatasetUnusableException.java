package dev.stylefleet.train.data;

/** The training images cannot feed a job: none given, or none of them decodes. Jobs end FAILED with {@link #CODE}. */
public final class DatasetUnusableException extends RuntimeException {
    public static final String CODE = "DATASET_UNUSABLE";

    public DatasetUnusableException(String message) {
        super(message);
    }
}
