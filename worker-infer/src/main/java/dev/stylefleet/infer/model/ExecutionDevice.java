package dev.stylefleet.infer.model;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where sessions run ({@code stylefleet.infer.device}). {@code cpu}: ONNX Runtime's CPU provider.
 * {@code cuda}: the CUDA provider, which exists only in the {@code onnxruntime_gpu} artifact (the root
 * pom's {@code -Pgpu} profile) on a machine with a GPU. {@code auto}: CUDA when it can be had, else CPU.
 * A CUDA request that cannot be met falls back to CPU with one log line per process, not per model.
 */
public enum ExecutionDevice {
    AUTO, CPU, CUDA;

    private static final System.Logger LOG = System.getLogger(ExecutionDevice.class.getName());
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    /** Parses a configuration value (case-insensitive); names the key and the allowed values otherwise. */
    public static ExecutionDevice parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("stylefleet.infer.device must be one of auto, cpu, cuda; was '"
                    + value + "'");
        }
    }

    /** Adds the provider to the options; returns what the session will run on ({@code cpu} or {@code cuda}). */
    String configure(OrtSession.SessionOptions options) {
        if (this == CPU) {
            return "cpu";
        }
        try {
            options.addCUDA(0);
            return "cuda";
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
            if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                LOG.log(this == CUDA ? Level.WARNING : Level.INFO,
                        "stylefleet.infer.device=" + name().toLowerCase(Locale.ROOT)
                                + ": CUDA provider unavailable (" + e.getMessage() + "); running on CPU");
            }
            return "cpu";
        }
    }

    /** For tests: whether the one fallback line has been written. */
    static boolean fallbackLogged() {
        return FALLBACK_LOGGED.get();
    }
}
