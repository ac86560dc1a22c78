package dev.stylefleet.train.vgg;

/**
 * The VGG-16 loss network cannot be loaded: no usable weights file from the configured local path, the
 * cache or the download, or the file does not have the Keras layout. A training job that hits this ends
 * FAILED with {@link #CODE}; the message says what was tried and how to fix it.
 */
public final class LossNetworkUnavailableException extends RuntimeException {

    /** The stable error code a job fails with. */
    public static final String CODE = "LOSS_NETWORK_UNAVAILABLE";

    public LossNetworkUnavailableException(String message) {
        super(message);
    }

    public LossNetworkUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public String code() {
        return CODE;
    }
}
