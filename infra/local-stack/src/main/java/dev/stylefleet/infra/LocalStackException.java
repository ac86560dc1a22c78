package dev.stylefleet.infra;

/** The local stack could not start (or stop); the message says which part and why. */
public class LocalStackException extends RuntimeException {
    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
