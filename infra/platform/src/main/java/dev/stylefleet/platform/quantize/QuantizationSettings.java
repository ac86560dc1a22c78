package dev.stylefleet.platform.quantize;

import java.util.Set;

/**
 * What {@link Int8Quantizer} quantizes and how {@link ActivationCalibrator} measures ranges.
 *
 * @param opTypes           node types to quantize: {@code Conv} and/or {@code ConvTranspose}
 * @param rangeMethod       how an activation's range is taken from the calibration images
 * @param percentile        for {@link RangeMethod#PERCENTILE}: the share of values kept inside the
 *                          range at each end, e.g. 99.99
 * @param excludedNodePrefixes nodes whose name starts with one of these stay float32
 */
public record QuantizationSettings(Set<String> opTypes, RangeMethod rangeMethod, double percentile,
        Set<String> excludedNodePrefixes) {

    public enum RangeMethod {
        /** The smallest and largest value seen over all calibration images. */
        MIN_MAX,
        /**
         * Per image, the values at the {@code 100 - percentile} and {@code percentile} percentiles
         * (from a 4096-bin histogram); the widest of these over the images. Clips rare outliers so
         * the int8 steps are finer for the bulk of the values.
         */
        PERCENTILE
    }

    public QuantizationSettings {
        opTypes = Set.copyOf(opTypes);
        excludedNodePrefixes = Set.copyOf(excludedNodePrefixes);
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (50, 100], was " + percentile);
        }
        for (String t : opTypes) {
            if (!t.equals("Conv") && !t.equals("ConvTranspose")) {
                throw new IllegalArgumentException("only Conv and ConvTranspose can be quantized, not " + t);
            }
        }
    }

    /**
     * The default: Conv only, min/max ranges, the bicubic skip of stylefleet's super-resolution nets
     * ({@code skip_bicubic/...}, a fixed interpolation filter straight onto the output) kept float32.
     *
     * <p>ConvTranspose stays float32: ONNX Runtime 1.23's CPU provider has no int8 ConvTranspose
     * kernel, so a QDQ ConvTranspose runs as DequantizeLinear + float ConvTranspose, only adding
     * work (measured on the wave built-in, 512x512, 2 threads, AMD EPYC Zen 5: see the report in
     * {@link Int8Quantizer}). Min/max rather than percentile: see {@link ActivationCalibrator}.
     */
    public static QuantizationSettings defaults() {
        return new QuantizationSettings(Set.of("Conv"), RangeMethod.MIN_MAX, 99.99, Set.of("skip_bicubic/"));
    }

    public QuantizationSettings withOpTypes(Set<String> types) {
        return new QuantizationSettings(types, rangeMethod, percentile, excludedNodePrefixes);
    }

    public QuantizationSettings withRangeMethod(RangeMethod method, double percentileKept) {
        return new QuantizationSettings(opTypes, method, percentileKept, excludedNodePrefixes);
    }

    public QuantizationSettings withExcludedNodePrefixes(Set<String> prefixes) {
        return new QuantizationSettings(opTypes, rangeMethod, percentile, prefixes);
    }

    /** A short description for the model's metadata. */
    public String describe() {
        return "ops=" + opTypes.stream().sorted().toList() + ", ranges=" + rangeMethod
                + (rangeMethod == RangeMethod.PERCENTILE ? "(" + percentile + ")" : "");
    }
}
