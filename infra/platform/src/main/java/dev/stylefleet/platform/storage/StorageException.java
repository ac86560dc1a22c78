package dev.stylefleet.platform.storage;

/** An object-store operation failed; the message names the operation and the key. */
public class StorageException extends RuntimeException {
    public StorageException(String what, Throwable cause) {
        super(what + ": " + cause.getMessage(), cause);
    }
}
