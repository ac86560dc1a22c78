package dev.stylefleet.platform.onnx;

/**
 * An ONNX file that is not a usable registry model. {@link #field()} is the part at fault
 * ({@code file}, {@code input}, {@code output}, {@code task} or {@code scale}) and the message starts
 * with it ("input: ..."), so that the gateway can answer with the field and the worker can put the
 * same words into its job failure.
 */
public final class InvalidModelException extends RuntimeException {
    private final String field;

    public InvalidModelException(String field, String what) {
        this(field, what, null);
    }

    public InvalidModelException(String field, String what, Throwable cause) {
        super(field + ": " + what, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
