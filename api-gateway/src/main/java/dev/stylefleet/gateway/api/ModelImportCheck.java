package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.platform.onnx.InvalidModelException;
import dev.stylefleet.platform.onnx.ModelProbe;
import java.util.concurrent.Semaphore;

/**
 * The gateway's check of an imported ONNX file before it is stored: the shared {@link ModelProbe}
 * (the inference worker runs the same one), which loads the file in ONNX Runtime, checks its one input
 * (any name, float32 [N,3,H,W]) and one output, and runs a bounded probe whose output must have the
 * size the task and scale require. A refusal answers 400 MODEL_INVALID; the message starts with the
 * part at fault ({@code file:}, {@code input:}, {@code output:}, {@code scale:}, {@code task:}).
 */
final class ModelImportCheck {
    /**
     * Probes running at once in this gateway; more imports wait. A session holds about the model file
     * again in native memory (up to max-model-bytes each), and the gateway's memory is sized for
     * requests, not for many models.
     */
    static final int MAX_CONCURRENT_PROBES = 2;
    private static final Semaphore PROBES = new Semaphore(MAX_CONCURRENT_PROBES, true);

    private ModelImportCheck() {}

    /** The probe's report, or an ApiException naming the form field at fault. */
    static ModelProbe.Report check(byte[] bytes, String task, int scale) {
        PROBES.acquireUninterruptibly();
        try {
            return ModelProbe.probe(bytes, task, scale);
        } catch (InvalidModelException e) {
            throw new ApiException(ErrorCode.MODEL_INVALID, formField(e.field()), e.getMessage(), e);
        } finally {
            PROBES.release();
        }
    }

    /** The model's input and output are parts of the uploaded file, so the form field is {@code file}. */
    static String formField(String part) {
        return switch (part) {
            case "task", "scale" -> part;
            default -> "file";
        };
    }
}
