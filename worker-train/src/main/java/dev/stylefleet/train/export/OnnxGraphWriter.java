package dev.stylefleet.train.export;

import com.google.protobuf.ByteString;
import dev.stylefleet.platform.onnx.Onnx.AttributeProto;
import dev.stylefleet.platform.onnx.Onnx.GraphProto;
import dev.stylefleet.platform.onnx.Onnx.NodeProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.platform.onnx.Onnx.TensorShapeProto;
import dev.stylefleet.platform.onnx.Onnx.TypeProto;
import dev.stylefleet.platform.onnx.Onnx.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Accumulates an ONNX GraphProto: nodes in topological order (the order they are added),
 * initializers (weights, stored little-endian in raw_data as ONNX requires), inputs and outputs
 * with symbolic dimensions. Value names are made unique here.
 *
 * <p>Learned weights go through {@link #weights}: stored as float32, or with
 * {@link OnnxExporter.WeightStorage#FLOAT16} as a FLOAT16 initializer ({@code <name>/fp16}) followed
 * by a Cast to float named {@code <name>}, so the graph computes in float32 either way (ONNX Runtime
 * folds the Cast once, at session creation). Under FLOAT16 only tensors of rank >= 2 (kernels) are
 * stored as half; 1-D ones (biases, instance-norm scale and shift) stay FLOAT32 initializers:
 * rounding the norm values alone moved the built-in {@code wave} style's output by up to 11.5
 * levels (0..255), the kernels alone by ~1.06 ({@link Float16#storedAsHalf}).
 */
final class OnnxGraphWriter {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private final OnnxExporter.WeightStorage storage;

    OnnxGraphWriter(String name) {
        this(name, OnnxExporter.WeightStorage.FLOAT32);
    }

    OnnxGraphWriter(String name, OnnxExporter.WeightStorage storage) {
        graph.setName(name);
        this.storage = storage;
    }

    /** A learned float tensor in the chosen storage; returns the name of a float32 value. */
    String weights(String name, long[] dims, float[] values) {
        // 1-D tensors stay float32 even under FLOAT16: see Float16.storedAsHalf (norm scale/shift
        // rounded to half moved the wave style's output by up to 11.5 levels; the kernels, ~1.06).
        if (storage == OnnxExporter.WeightStorage.FLOAT32 || !Float16.storedAsHalf(dims.length)) {
            return floats(name, dims, values);
        }
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            if (!(Math.abs(v) <= Float16.MAX)) {
                throw new IllegalArgumentException("weight " + name + " holds " + v
                        + ", not representable as float16 (largest " + Float16.MAX + ")");
            }
            b.putShort(Float16.fromFloat(v));
        }
        String half = initializer(name + "/fp16", dims, TensorProto.DataType.FLOAT16, b.array());
        return node("Cast", name, List.of(half), integer("to", TensorProto.DataType.FLOAT.getNumber()));
    }

    /** {@code base}, or {@code base_2}, {@code base_3}... if taken. */
    String unique(String base) {
        String name = base;
        for (int i = 2; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    String floats(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return initializer(name, dims, TensorProto.DataType.FLOAT, b.array());
    }

    String scalar(String name, float value) {
        return floats(name, new long[0], new float[] {value});
    }

    String int64s(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return initializer(name, new long[] {values.length}, TensorProto.DataType.INT64, b.array());
    }

    private String initializer(String name, long[] dims, TensorProto.DataType type, byte[] raw) {
        String unique = unique(name);
        TensorProto.Builder t = TensorProto.newBuilder().setName(unique).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return unique;
    }

    /** Adds a node with one output named after the node; returns the output name. */
    String node(String opType, String name, List<String> inputs, AttributeProto... attributes) {
        String out = unique(name);
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(out).addAllInput(inputs).addOutput(out);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return out;
    }

    /** Declares a graph input; dims are Long (fixed) or String (symbolic). */
    void input(String name, TensorProto.DataType type, Object... dims) {
        names.add(name);
        graph.addInput(valueInfo(name, type, dims));
    }

    void output(String name, TensorProto.DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    GraphProto build() {
        return graph.build();
    }

    private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
                .build();
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto real(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }

    static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }
}
