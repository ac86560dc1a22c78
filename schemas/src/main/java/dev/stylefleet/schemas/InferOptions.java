package dev.stylefleet.schemas;

/**
 * Inference options; a null field means "the worker's default".
 *
 * @param maxSide        downscale the input first so that its longer side is at most this
 * @param preserveColor  keep the input's chroma, take only the stylized luminance
 * @param strength       0..1 blend of the output with the input (1 = output only)
 * @param histogramMatch match the output's histogram to the input (the paper's SR post-processing)
 * @param quality        1..100, for lossy output formats
 * @param precision      {@code fp32}, {@code int8} or {@code auto} (null: auto): which variant of the model
 *                       runs; auto takes int8 when the model has a variant and the CPU has int8 dot-product
 *                       instructions (VNNI or AMX)
 */
public record InferOptions(
        @SchemaRule(minimum = 1, maximum = 65535) Integer maxSide,
        Boolean preserveColor,
        @SchemaRule(minimum = 0, maximum = 1) Double strength,
        Boolean histogramMatch,
        @SchemaRule(minimum = 1, maximum = 100) Integer quality,
        @SchemaRule(values = {PRECISION_FP32, PRECISION_INT8, PRECISION_AUTO}) String precision) {

    public static final String PRECISION_FP32 = "fp32";
    public static final String PRECISION_INT8 = "int8";
    public static final String PRECISION_AUTO = "auto";

    /** Options with the default precision ({@code auto}). */
    public InferOptions(Integer maxSide, Boolean preserveColor, Double strength, Boolean histogramMatch,
            Integer quality) {
        this(maxSide, preserveColor, strength, histogramMatch, quality, null);
    }

    public static InferOptions defaults() {
        return new InferOptions(null, null, null, null, null, null);
    }
}
