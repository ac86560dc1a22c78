package dev.stylefleet.platform.onnx;

import com.google.protobuf.ByteString;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ONNX tensors (initializers and {@code Constant} values) of the element types stylefleet writes:
 * float32, float16 and int64, and for int8 quantization (QuantizeLinear / DequantizeLinear) int8,
 * uint8 and int32. Values go into {@code raw_data}, little-endian as ONNX requires, one
 * encoding for every type, so a file's size is the values' size.
 */
public final class OnnxTensors {
    private OnnxTensors() {}

    /** A float32 tensor of shape {@code dims} (empty: a scalar) holding {@code values} row-major. */
    public static TensorProto floats(String name, long[] dims, float[] values) {
        checkCount(name, dims, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return tensor(name, dims, TensorProto.DataType.FLOAT, b.array());
    }

    /** A rank-0 float32 tensor: what Clip-13+'s min and max and the scalar operands of Mul/Add take. */
    public static TensorProto scalar(String name, float value) {
        return floats(name, new long[0], new float[] {value});
    }

    /**
     * A float16 tensor from the values' 16-bit IEEE half patterns (ONNX stores FLOAT16 as the bit
     * patterns; the rounding from float is the caller's, which knows its range and rounding rule).
     */
    public static TensorProto float16(String name, long[] dims, short[] halfBits) {
        checkCount(name, dims, halfBits.length);
        ByteBuffer b = ByteBuffer.allocate(halfBits.length * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(halfBits);
        return tensor(name, dims, TensorProto.DataType.FLOAT16, b.array());
    }

    /** A 1-D int64 tensor: shapes, pads, axes, slice bounds. */
    public static TensorProto int64s(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return tensor(name, new long[] {values.length}, TensorProto.DataType.INT64, b.array());
    }

    /** An int8 tensor (quantized weights, their zero points). */
    public static TensorProto int8s(String name, long[] dims, byte[] values) {
        checkCount(name, dims, values.length);
        return tensor(name, dims, TensorProto.DataType.INT8, values.clone());
    }

    /** A uint8 tensor of the values' low 8 bits (quantized activations' zero points). */
    public static TensorProto uint8s(String name, long[] dims, byte[] values) {
        checkCount(name, dims, values.length);
        return tensor(name, dims, TensorProto.DataType.UINT8, values.clone());
    }

    /** An int32 tensor (quantized biases). */
    public static TensorProto int32s(String name, long[] dims, int[] values) {
        checkCount(name, dims, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return tensor(name, dims, TensorProto.DataType.INT32, b.array());
    }

    private static TensorProto tensor(String name, long[] dims, TensorProto.DataType type, byte[] raw) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static void checkCount(String name, long[] dims, int count) {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + ": negative dimension " + d);
            }
            n *= d;
        }
        if (n != count) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + java.util.Arrays.toString(dims)
                    + " holds " + n + " values, " + count + " given");
        }
    }
}
