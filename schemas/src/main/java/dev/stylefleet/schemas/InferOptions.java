package dev.stylefleet.schemas;

/**
 * Inference options; a null field means "the worker's default".
 *
 * @param maxSide        downscale the input first so that its longer side is at most this
 * @param preserveColor  keep the input's chroma, take only the stylized luminance
 * @param strength       0..1 blend of the output with the input (1 = output only)
 * @param histogramMatch match the output's histogram to the input (the paper's SR post-processing)
 * @param quality        1..100, for lossy output formats
 */
public record InferOptions(
        @SchemaRule(minimum = 1, maximum = 65535) Integer maxSide,
        Boolean preserveColor,
        @SchemaRule(minimum = 0, maximum = 1) Double strength,
        Boolean histogramMatch,
        @SchemaRule(minimum = 1, maximum = 100) Integer quality) {

    public static InferOptions defaults() {
        return new InferOptions(null, null, null, null, null);
    }
}
