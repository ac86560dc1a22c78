package dev.stylefleet.platform.onnx;

import com.google.protobuf.ByteString;
import dev.stylefleet.platform.onnx.Onnx.AttributeProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;

/** Node attributes of the kinds stylefleet's graphs use: int, ints, float, string and tensor. */
public final class OnnxAttributes {
    private OnnxAttributes() {}

    public static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    public static AttributeProto real(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }

    public static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    /** A tensor-valued attribute, e.g. the {@code value} of a {@code Constant} node ({@link OnnxTensors}). */
    public static AttributeProto tensor(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(value)
                .build();
    }
}
