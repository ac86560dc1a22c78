package dev.stylefleet.platform.onnx;

import dev.stylefleet.platform.onnx.Onnx.AttributeProto;
import dev.stylefleet.platform.onnx.Onnx.GraphProto;
import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import dev.stylefleet.platform.onnx.Onnx.NodeProto;
import dev.stylefleet.platform.onnx.Onnx.OperatorSetIdProto;
import dev.stylefleet.platform.onnx.Onnx.StringStringEntryProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.platform.onnx.Onnx.TensorShapeProto;
import dev.stylefleet.platform.onnx.Onnx.TypeProto;
import dev.stylefleet.platform.onnx.Onnx.ValueInfoProto;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place stylefleet assembles ONNX models ({@link Onnx}'s messages, ONNX's field numbers):
 * the training export, the bicubic built-ins and the tests' small models all build through it.
 *
 * <p>A model has one graph in the default ("ai.onnx") domain at one opset. Nodes are kept in the
 * order they are added, which must be topological. Each node has one output, and the node is named
 * after it. Node outputs and initializers get unique names: the name asked for, or
 * {@code name_2}, {@code name_3}... when it is taken, and the methods return the name used, so a
 * network writer can name values after layers without tracking collisions. Graph inputs keep
 * their names (a graph input may share its name with an initializer, as old exporters wrote
 * weights). Dimensions are {@link Number}s (fixed) or {@link String}s (symbolic, e.g. {@code "N"}).
 *
 * <p>Element types and attribute kinds cover what stylefleet writes ({@link OnnxTensors},
 * {@link OnnxAttributes}); ONNX Runtime loading and running every kind is what
 * {@code OnnxModelBuilderTest} checks.
 */
public final class OnnxModelBuilder {
    /** ONNX IR version 8: what ONNX 1.13 writes for opsets 17 and 18. */
    public static final long IR_VERSION = 8;

    private final ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(IR_VERSION);
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();

    /** A model whose graph is called {@code graphName}, importing the default domain at {@code opset}. */
    public OnnxModelBuilder(String graphName, long opset) {
        graph.setName(graphName);
        model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
    }

    private OnnxModelBuilder() {}

    /**
     * A builder holding a copy of {@code source}'s frame: IR version, opset imports, producer, domain,
     * docs, metadata, graph name, inputs, outputs and value_info, but none of its nodes or
     * initializers. Every value name of {@code source} (inputs, initializers, node outputs) is taken,
     * so values added next never collide with the ones a rewrite copies over. For graph rewrites
     * (e.g. quantization) that re-emit the source's nodes in order, some of them changed, through
     * {@link #existingNode} and {@link #existingInitializer}.
     */
    public static OnnxModelBuilder frameOf(ModelProto source) {
        OnnxModelBuilder b = new OnnxModelBuilder();
        b.model.mergeFrom(source.toBuilder().clearGraph().build());
        GraphProto g = source.getGraph();
        b.graph.mergeFrom(g.toBuilder().clearNode().clearInitializer().build());
        g.getInputList().forEach(v -> b.names.add(v.getName()));
        g.getInitializerList().forEach(t -> b.names.add(t.getName()));
        g.getNodeList().forEach(n -> b.names.addAll(n.getOutputList()));
        return b;
    }

    /** A builder holding a complete copy of {@code source}; nodes and outputs can be added to it. */
    public static OnnxModelBuilder copyOf(ModelProto source) {
        OnnxModelBuilder b = frameOf(source);
        b.graph.addAllInitializer(source.getGraph().getInitializerList());
        b.graph.addAllNode(source.getGraph().getNodeList());
        return b;
    }

    /**
     * Appends a node as it is (any number of outputs, any domain), e.g. one copied from another
     * model; its outputs are taken. The caller keeps the order topological and the names unique.
     */
    public OnnxModelBuilder existingNode(NodeProto node) {
        names.addAll(node.getOutputList());
        graph.addNode(node);
        return this;
    }

    /** Adds an initializer under its own name (copied from another model); returns the name. */
    public String existingInitializer(TensorProto tensor) {
        names.add(tensor.getName());
        graph.addInitializer(tensor);
        return tensor.getName();
    }

    /** The version the model imports {@code domain} ("" is the default ai.onnx domain) at; 0 if none. */
    public long opset(String domain) {
        return model.getOpsetImportList().stream().filter(o -> o.getDomain().equals(domain))
                .mapToLong(OperatorSetIdProto::getVersion).findFirst().orElse(0);
    }

    /** Overrides {@link #IR_VERSION} (older opsets go with older IR versions, e.g. 6 for opset 11). */
    public OnnxModelBuilder irVersion(long version) {
        model.setIrVersion(version);
        return this;
    }

    public OnnxModelBuilder producer(String name, String version) {
        model.setProducerName(name).setProducerVersion(version);
        return this;
    }

    /** The model's namespace (reverse DNS) and version, as ONNX's {@code domain} and {@code model_version}. */
    public OnnxModelBuilder modelDomain(String domain, long version) {
        model.setDomain(domain).setModelVersion(version);
        return this;
    }

    public OnnxModelBuilder docString(String doc) {
        model.setDocString(doc);
        return this;
    }

    public OnnxModelBuilder graphDocString(String doc) {
        graph.setDocString(doc);
        return this;
    }

    /**
     * A metadata property (ONNX Runtime: {@code OrtSession.getMetadata().getCustomMetadata()}); it
     * replaces a property of the same key (e.g. one copied by {@link #frameOf}), as keys are unique.
     */
    public OnnxModelBuilder metadata(String key, String value) {
        for (int i = 0; i < model.getMetadataPropsCount(); i++) {
            if (model.getMetadataProps(i).getKey().equals(key)) {
                model.setMetadataProps(i, StringStringEntryProto.newBuilder().setKey(key).setValue(value));
                return this;
            }
        }
        model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
        return this;
    }

    /** Metadata properties, in the map's iteration order. */
    public OnnxModelBuilder metadata(Map<String, String> properties) {
        properties.forEach(this::metadata);
        return this;
    }

    /** Declares a graph input of element type {@code type} and shape {@code dims}. */
    public OnnxModelBuilder input(String name, TensorProto.DataType type, Object... dims) {
        names.add(name);
        graph.addInput(value(name, type, shape(dims)));
        return this;
    }

    /** Declares a graph input of element type {@code type} with no declared shape (any rank). */
    public OnnxModelBuilder inputOfAnyShape(String name, TensorProto.DataType type) {
        names.add(name);
        graph.addInput(value(name, type, null));
        return this;
    }

    /** Declares the value {@code name} (a node's output or an input) a graph output of this shape. */
    public OnnxModelBuilder output(String name, TensorProto.DataType type, Object... dims) {
        graph.addOutput(value(name, type, shape(dims)));
        return this;
    }

    /** A graph output with no declared shape: ONNX Runtime infers it. */
    public OnnxModelBuilder outputOfAnyShape(String name, TensorProto.DataType type) {
        graph.addOutput(value(name, type, null));
        return this;
    }

    /** Adds an initializer ({@link OnnxTensors}) under a unique name based on its own; returns that name. */
    public String initializer(TensorProto tensor) {
        String name = unique(tensor.getName());
        graph.addInitializer(name.equals(tensor.getName()) ? tensor : tensor.toBuilder().setName(name).build());
        return name;
    }

    /** A float32 initializer; returns its name. */
    public String floats(String name, long[] dims, float[] values) {
        return initializer(OnnxTensors.floats(name, dims, values));
    }

    /** A rank-0 float32 initializer; returns its name. */
    public String scalar(String name, float value) {
        return initializer(OnnxTensors.scalar(name, value));
    }

    /** A float16 initializer of half bit patterns; returns its name. */
    public String float16(String name, long[] dims, short[] halfBits) {
        return initializer(OnnxTensors.float16(name, dims, halfBits));
    }

    /** A 1-D int64 initializer; returns its name. */
    public String int64s(String name, long... values) {
        return initializer(OnnxTensors.int64s(name, values));
    }

    /**
     * Adds a node with one output, named (like the node) {@code name} or a unique variant; an input
     * {@code ""} is ONNX's "omitted optional input". Returns the output's name.
     */
    public String node(String opType, String name, List<String> inputs, AttributeProto... attributes) {
        String out = unique(name);
        graph.addNode(NodeProto.newBuilder().setOpType(opType).setName(out).addAllInput(inputs).addOutput(out)
                .addAllAttribute(List.of(attributes)));
        return out;
    }

    /** {@code base}, or {@code base_2}, {@code base_3}... if taken; the name returned is now taken. */
    public String unique(String base) {
        String name = base;
        for (int i = 2; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    public ModelProto build() {
        return model.clone().setGraph(graph.clone()).build();
    }

    /** The serialized model: the bytes of a {@code .onnx} file. */
    public byte[] toByteArray() {
        return build().toByteArray();
    }

    private static TensorShapeProto shape(Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else if (d instanceof Number n) {
                dim.setDimValue(n.longValue());
            } else {
                throw new IllegalArgumentException("a dimension is a Number (fixed) or a String (symbolic), was " + d);
            }
            shape.addDim(dim);
        }
        return shape.build();
    }

    private static ValueInfoProto value(String name, TensorProto.DataType type, TensorShapeProto shape) {
        TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder().setElemType(type.getNumber());
        if (shape != null) {
            tensor.setShape(shape);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }
}
