package dev.stylefleet.train.job;

/** Ends a training job FAILED with a stable code and a message for people. */
final class TrainJobFailure extends RuntimeException {
    private final TrainErrorCode code;

    TrainJobFailure(TrainErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    TrainErrorCode code() {
        return code;
    }
}
