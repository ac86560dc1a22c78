package dev.stylefleet.infer.model;

import dev.stylefleet.infer.failure.ErrorCode;
import dev.stylefleet.infer.failure.JobFailure;
import dev.stylefleet.schemas.InferOptions;
import dev.stylefleet.schemas.Int8Variant;
import dev.stylefleet.schemas.JobEvent;
import dev.stylefleet.schemas.ModelManifest;
import java.util.Optional;

/**
 * Which variant of a model a job runs ({@link InferOptions#precision()}) and why; the reason goes on the
 * job's result. {@code fp32}: the float32 model. {@code int8}: the int8 variant, which the model must have
 * (the gateway refuses the request otherwise; a model republished without one in between fails the job
 * {@code INVALID_OPTIONS}). {@code auto}, the default: int8 when the model has a variant (it passed its
 * quality gate to be published) and the CPU has int8 dot-product instructions ({@link CpuFeatures}), where
 * int8 is the faster; float32 otherwise.
 *
 * @param used   {@code fp32} or {@code int8}
 * @param reason why, in words
 */
public record PrecisionChoice(String used, String reason) {

    public static PrecisionChoice decide(String requested, ModelManifest model, CpuFeatures cpu) {
        String asked = requested == null ? InferOptions.PRECISION_AUTO : requested;
        Int8Variant variant = model.int8();
        switch (asked) {
            case InferOptions.PRECISION_FP32:
                return new PrecisionChoice(InferOptions.PRECISION_FP32, "requested fp32");
            case InferOptions.PRECISION_INT8:
                if (variant == null) {
                    throw new JobFailure(ErrorCode.INVALID_OPTIONS, "options.precision: model " + model.modelId()
                            + " has no int8 variant; use fp32 or auto");
                }
                return new PrecisionChoice(InferOptions.PRECISION_INT8, "requested int8");
            case InferOptions.PRECISION_AUTO:
                if (variant == null) {
                    return new PrecisionChoice(InferOptions.PRECISION_FP32, "auto: the model has no int8 variant");
                }
                Optional<String> flag = cpu.int8DotProduct();
                if (flag.isEmpty()) {
                    return new PrecisionChoice(InferOptions.PRECISION_FP32, "auto: the model has an int8 variant but "
                            + "the CPU has no int8 dot-product instructions (" + String.join(", ",
                                    CpuFeatures.INT8_DOT_PRODUCT) + ")");
                }
                return new PrecisionChoice(InferOptions.PRECISION_INT8, "auto: the model has an int8 variant "
                        + "and the CPU has " + flag.get());
            default:
                throw new JobFailure(ErrorCode.INVALID_OPTIONS, "options.precision: '" + asked
                        + "' is not a precision; allowed: fp32, int8, auto");
        }
    }

    public boolean int8() {
        return InferOptions.PRECISION_INT8.equals(used);
    }

    /**
     * The manifest the session cache keys the chosen file by: the model's own for fp32; for int8 the same
     * model with the variant's sha256 and size, so both variants can be cached side by side.
     */
    public ModelManifest sessionManifest(ModelManifest model) {
        if (!int8()) {
            return model;
        }
        Int8Variant v = model.int8();
        return new ModelManifest(model.schemaVersion(), model.modelId(), model.version(), model.task(), model.scale(),
                model.architecture(), v.sha256(), v.sizeBytes(), model.created(), model.sourceJob(), model.tenant(),
                model.options(), v);
    }

    public JobEvent.Precision toEvent() {
        return new JobEvent.Precision(used, reason);
    }
}
