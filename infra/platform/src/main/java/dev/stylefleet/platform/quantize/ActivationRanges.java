package dev.stylefleet.platform.quantize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The calibrated float range of each activation the quantizer turns into int8, by value name (the
 * ONNX graph's tensor names). The quantizer derives each QuantizeLinear's scale and zero point from
 * these; a value with no range is left in float32 (so a Conv reading it is not quantized).
 *
 * @param ranges value name -> range; copied, unmodifiable, in insertion order
 */
public record ActivationRanges(Map<String, Range> ranges) {

    /** The interval [min, max] an activation's quantization must represent. */
    public record Range(float min, float max) {
        public Range {
            if (!(min <= max)) {
                throw new IllegalArgumentException("range [" + min + ", " + max + "] is empty or NaN");
            }
        }
    }

    public ActivationRanges {
        ranges = Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
    }

    /** The range of {@code valueName}, or null when it was not calibrated. */
    public Range get(String valueName) {
        return ranges.get(valueName);
    }

    /** Every range narrowed (factor < 1) or widened about its centre: for tests of broken calibrations. */
    public ActivationRanges scaled(float factor) {
        Map<String, Range> out = new LinkedHashMap<>();
        ranges.forEach((k, r) -> {
            float mid = (r.min() + r.max()) / 2, half = (r.max() - r.min()) / 2 * factor;
            out.put(k, new Range(mid - half, mid + half));
        });
        return new ActivationRanges(out);
    }
}
