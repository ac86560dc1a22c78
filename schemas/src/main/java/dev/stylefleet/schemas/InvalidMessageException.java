package dev.stylefleet.schemas;

/** A message that does not satisfy its JSON Schema (or is not JSON at all). The message says why. */
public class InvalidMessageException extends RuntimeException {
    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
