package dev.stylefleet.platform.onnx;

/**
 * IEEE 754 half precision (binary16) conversions, round to nearest, ties to even: what
 * {@code Float.floatToFloat16} does from Java 20 on; this code base targets Java 17. Used by the
 * export's compact storage ({@code OnnxExporter.WeightStorage.FLOAT16} (worker-train)), whose initializers ONNX
 * wants as the raw 16-bit patterns (TensorProto FLOAT16, little-endian raw_data), and the int8
 * quantizer reading such weights back ({@code platform.quantize}).
 */
public final class Float16 {
    private Float16() {}

    /** Largest finite half value. */
    public static final float MAX = 65504f;

    /**
     * Whether the compact storage keeps a tensor of this rank as half precision: only rank >= 2
     * (convolution kernels); 1-D tensors (biases, instance-norm scale and shift) stay float32.
     * Why: the per-channel scale and shift act on every pixel of a channel after normalisation, so
     * their rounding error is not averaged away as a kernel's is. Measured on the built-in
     * {@code wave} style (preview image, 0..255): rounding only the 1-D norm values to float16
     * changed the output by up to 11.5 levels in one patch of clouds; rounding only the kernels by at
     * most ~1.06. The 1-D tensors are under 1% of the values, so keeping them costs almost nothing.
     * The ONNX export ({@code OnnxExporter.WeightStorage.FLOAT16} (worker-train)) and the compact checkpoint
     * (pretrained.PretrainedCheckpoint) both follow this rule, so they hold the same net.
     */
    public static boolean storedAsHalf(int rank) {
        return rank >= 2;
    }

    /** The half nearest to {@code f} (ties to even); overflow gives infinity, NaN stays NaN. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            // Infinity keeps a zero mantissa; NaN keeps a quiet, non-zero one.
            return (short) (sign | 0x7c00 | (mant == 0 ? 0 : 0x200 | (mant >>> 13)));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            // Subnormal half: the integer multiple of 2^-24 nearest to the value, which is the
            // 24-bit significand shifted right by 14 - e (float subnormals are far below 2^-25: zero).
            int shift = 14 - e;
            if (exp == 0 || shift > 24) {
                return (short) sign;
            }
            int m = mant | 0x800000;
            int half = m >>> shift;
            int rem = m & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rem > halfway || (rem == halfway && (half & 1) != 0)) {
                half++; // may become the smallest normal, 0x400: the right encoding
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
            half++; // a carry into the exponent is right, up to infinity (0x7c00)
        }
        return (short) (sign | half);
    }

    /** The float of a half's 16-bit pattern (exact: every half is a float). */
    public static float toFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** {@code f} rounded to the nearest half and widened back. */
    public static float round(float f) {
        return toFloat(fromFloat(f));
    }
}
