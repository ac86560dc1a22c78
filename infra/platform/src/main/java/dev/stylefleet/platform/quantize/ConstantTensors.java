package dev.stylefleet.platform.quantize;

import dev.stylefleet.platform.onnx.Float16;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Float values of the constant tensors stylefleet models carry as weights: FLOAT (raw_data or
 * float_data) and FLOAT16 (raw_data or int32_data holding the half bit patterns; the shipped
 * built-ins store kernels as FLOAT16 widened by a Cast, which the quantizer reads through).
 */
final class ConstantTensors {
    private ConstantTensors() {}

    static boolean isFloating(TensorProto t) {
        return t.getDataType() == TensorProto.DataType.FLOAT_VALUE || t.getDataType() == TensorProto.DataType.FLOAT16_VALUE;
    }

    static float[] floats(TensorProto t) {
        int n = Math.toIntExact(count(t));
        float[] out = new float[n];
        if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
            if (t.hasRawData()) {
                ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = t.getFloatData(i);
                }
            }
        } else if (t.getDataType() == TensorProto.DataType.FLOAT16_VALUE) {
            if (t.hasRawData()) {
                var s = ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = Float16.toFloat(s.get(i));
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = Float16.toFloat((short) t.getInt32Data(i));
                }
            }
        } else {
            throw new IllegalArgumentException("tensor " + t.getName() + " has element type " + t.getDataType()
                    + ", not FLOAT or FLOAT16");
        }
        return out;
    }

    static long count(TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n;
    }
}
