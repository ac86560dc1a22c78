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
 * @param excludedNodes     nodes (exact names) that stay float32: what {@link MixedPrecisionSearch} keeps
 *                          float, by measurement
 * @param keepOutputLayersFloat keep float32 the Conv/ConvTranspose nodes the graph output is reached
 *                          from without passing another one: the last layer (whose output
 *                          quantization goes straight into the pixels through InstanceNorm and
 *                          Tanh) and the SR nets' bicubic skip (a fixed filter added onto the output)
 */
public record QuantizationSettings(Set<String> opTypes, RangeMethod rangeMethod, double percentile,
        Set<String> excludedNodePrefixes, boolean keepOutputLayersFloat, Set<String> excludedNodes) {

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
        excludedNodes = Set.copyOf(excludedNodes);
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (50, 100], was " + percentile);
        }
        for (String t : opTypes) {
            if (!t.equals("Conv") && !t.equals("ConvTranspose")) {
                throw new IllegalArgumentException("only Conv and ConvTranspose can be quantized, not " + t);
            }
        }
    }

    public QuantizationSettings(Set<String> opTypes, RangeMethod rangeMethod, double percentile,
            Set<String> excludedNodePrefixes, boolean keepOutputLayersFloat) {
        this(opTypes, rangeMethod, percentile, excludedNodePrefixes, keepOutputLayersFloat, Set.of());
    }

    /**
     * The default: Conv only, 99.999th-percentile ranges, output layers kept float32.
     *
     * <p>Measured on the wave built-in (16 content/train photos at 256x256 for calibration; mean /
     * min PSNR of int8 against float32 over amber, chicago, tubingen at 512x512): every Conv int8
     * with min/max ranges 29.8 / 27.9 dB; last Conv kept float 34.9 / 30.9 dB with min/max, 34.4 /
     * 32.2 dB with percentile 99.99, 35.9 / 32.2 dB with percentile 99.999. Min/max loses to the
     * rare outliers; 99.99 clips values that matter.
     *
     * <p>ConvTranspose stays float32: ONNX Runtime 1.23.2's CPU provider has no int8 ConvTranspose
     * kernel. With ConvTranspose in the QDQ set, its optimized wave graph still has 2 float
     * ConvTranspose nodes (DequantizeLinear before them, no QLinear form), no faster beyond run-to-run
     * noise (512x512, 2 threads, AMD EPYC Zen 5 shared with other work: 541 ms vs 646 ms for Conv
     * only, float32 809 vs 863 ms in the same runs), and PSNR falls from 35.9 to 33.5 dB.
     */
    public static QuantizationSettings defaults() {
        return new QuantizationSettings(Set.of("Conv"), RangeMethod.PERCENTILE, 99.999, Set.of(), true);
    }

    public QuantizationSettings withOpTypes(Set<String> types) {
        return new QuantizationSettings(types, rangeMethod, percentile, excludedNodePrefixes, keepOutputLayersFloat, excludedNodes);
    }

    public QuantizationSettings withRangeMethod(RangeMethod method, double percentileKept) {
        return new QuantizationSettings(opTypes, method, percentileKept, excludedNodePrefixes, keepOutputLayersFloat, excludedNodes);
    }

    public QuantizationSettings withExcludedNodePrefixes(Set<String> prefixes) {
        return new QuantizationSettings(opTypes, rangeMethod, percentile, prefixes, keepOutputLayersFloat, excludedNodes);
    }

    public QuantizationSettings withKeepOutputLayersFloat(boolean keep) {
        return new QuantizationSettings(opTypes, rangeMethod, percentile, excludedNodePrefixes, keep, excludedNodes);
    }

    /** These nodes (exact names) stay float32, in place of the current exact set. */
    public QuantizationSettings withExcludedNodes(Set<String> nodes) {
        return new QuantizationSettings(opTypes, rangeMethod, percentile, excludedNodePrefixes, keepOutputLayersFloat, nodes);
    }

    /** A short description for the model's metadata. */
    public String describe() {
        return "ops=" + opTypes.stream().sorted().toList() + ", ranges=" + rangeMethod
                + (rangeMethod == RangeMethod.PERCENTILE ? "(" + percentile + ")" : "")
                + (keepOutputLayersFloat ? ", output layers float" : "")
                + (excludedNodePrefixes.isEmpty() ? "" : ", excluded=" + excludedNodePrefixes.stream().sorted().toList())
                + (excludedNodes.isEmpty() ? "" : ", float by measurement=" + excludedNodes.stream().sorted().toList());
    }
}
