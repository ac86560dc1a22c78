package dev.stylefleet.infer.model;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;

import dev.stylefleet.platform.onnx.InvalidModelException;
import dev.stylefleet.platform.onnx.ModelProbe;

/**
 * Decides whether an ONNX file may enter the registry as a model for a task and scale (model import,
 * issue 7 section 2), in the worker's terms: the check itself is {@link ModelProbe} (schemas module),
 * the same one the gateway's {@code POST /v1/models} runs before storing; here a refusal becomes a
 * {@link JobFailure} with {@link ErrorCode#MODEL_INVALID} and the probe's message, which names the
 * part at fault and what is allowed.
 */
public final class ModelValidator {
    private ModelValidator() {}

    /**
     * Checks {@code onnx} as a {@code task} model with output/input size ratio {@code scale}.
     *
     * @throws JobFailure MODEL_INVALID naming what is wrong
     */
    public static ModelProbe.Report validate(byte[] onnx, String task, int scale) {
        try {
            return ModelProbe.probe(onnx, task, scale);
        } catch (InvalidModelException e) {
            throw new JobFailure(ErrorCode.MODEL_INVALID, "model " + e.getMessage(), e);
        }
    }
}
