package dev.stylefleet.platform.quantize;

import static dev.stylefleet.platform.onnx.OnnxAttributes.integer;

import dev.stylefleet.platform.onnx.Onnx.AttributeProto;
import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import dev.stylefleet.platform.onnx.Onnx.NodeProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.platform.onnx.Onnx.ValueInfoProto;
import dev.stylefleet.platform.onnx.OnnxModelBuilder;
import dev.stylefleet.platform.onnx.OnnxTensors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static int8 quantization of a float32 stylefleet model into ONNX's QDQ form: the graph stays a
 * float graph with QuantizeLinear/DequantizeLinear pairs marking where values are int8, and ONNX
 * Runtime's graph optimizer fuses each {@code DQ(x), DQ(w), DQ(b) -> Conv -> Q} group into one
 * {@code QLinearConv} with integer kernels. The format ONNX Runtime recommends for CPU and the one it
 * fuses with fast kernels: activations uint8 asymmetric per tensor, weights int8 symmetric per
 * output channel (U8S8; the x86 kernels use VPDPBUSD, unsigned times signed, with AVX512-VNNI /
 * AVX-VNNI, so no 7-bit "reduce range" is needed there).
 *
 * <p>Per quantized Conv (settings' op types, minus excluded names):
 * <ul>
 *   <li>data input x: Q(x) -> DQ -> Conv, scale and zero point from x's calibrated range (the
 *       range widened to contain 0, so zero padding is exact);</li>
 *   <li>weight: an INT8 initializer, per output channel (axis 0 for Conv; axis 1, the output
 *       channels of ONNX's {@code [in, out, k, k]}, for ConvTranspose), scale max|w|/127, zero
 *       point 0, through DequantizeLinear. A FLOAT16 weight widened by a Cast is read through;</li>
 *   <li>bias: INT32 with scale = x_scale * w_scale[c], zero point 0, through DequantizeLinear.
 *       ONNX Runtime fuses a Conv only when all its inputs come from DequantizeLinear and the bias
 *       one is int32; a float bias leaves it a float Conv between DQ nodes (no speed-up);</li>
 *   <li>output: Q -> DQ on the Conv's output, or on the Relu right after it (a Relu whose output
 *       is quantized with zero point 0 is redundant and ONNX Runtime folds it into the QLinearConv).
 *       Without an output Q there is no QLinearConv, so every consumer of that value reads the DQ:
 *       an InstanceNormalization after a Conv reads the dequantized Conv output.</li>
 * </ul>
 * Everything else stays float32 and is not wrapped in Q/DQ: InstanceNormalization, Tanh, the
 * residual Add (its inputs are read in float; only a Conv reading the sum gets a Q/DQ on its way
 * in), Resize, DepthToSpace, Pad, Clip, and by default the output layers (the last Conv and the SR
 * nets' bicubic skip, {@link QuantizationSettings#keepOutputLayersFloat}).
 *
 * <p>ConvTranspose: quantizable (for measurement) but not by default: ONNX Runtime's CPU provider
 * has no int8 kernel for it ({@link QuantizationSettings#defaults} has the measurement).
 *
 * <p>The output model is written through {@link OnnxModelBuilder#frameOf}: the source's header,
 * metadata and interface, its nodes re-emitted in order, plus metadata
 * {@value #META_PRECISION}=int8 and {@value #META_QUANTIZATION} (method and calibration).
 */
public final class Int8Quantizer {
    public static final String META_PRECISION = "stylefleet.precision";
    public static final String META_QUANTIZATION = "stylefleet.quantization";
    /** QuantizeLinear/DequantizeLinear with a per-axis scale need opset 13. */
    public static final long MIN_OPSET = 13;

    private final QuantizationSettings settings;

    public Int8Quantizer(QuantizationSettings settings) {
        this.settings = settings;
    }

    public QuantizationSettings settings() {
        return settings;
    }

    /**
     * The values whose ranges {@link #quantize} needs, in graph order: each quantizable node's data
     * input and its output point (its output, or the output of the Relu right after it).
     */
    public List<String> calibrationPoints(ModelProto model) {
        Graph g = new Graph(model);
        Set<String> points = new LinkedHashSet<>();
        for (NodeProto n : g.targets(settings)) {
            points.add(n.getInput(0));
            String out = g.outputPoint(n);
            if (out != null) {
                points.add(out);
            }
        }
        return List.copyOf(points);
    }

    /** The names of the nodes {@link #quantize} turns int8 given {@code ranges}. */
    public List<String> quantizedNodes(ModelProto model, ActivationRanges ranges) {
        return new Graph(model).targets(settings).stream().filter(n -> ranges.get(n.getInput(0)) != null)
                .map(NodeProto::getName).toList();
    }

    /**
     * The QDQ model; {@code calibration} says what the ranges came from (for the metadata). A
     * quantizable node whose data input has no range stays float32.
     */
    public ModelProto quantize(ModelProto model, ActivationRanges ranges, String calibration) {
        OnnxModelBuilder b = OnnxModelBuilder.frameOf(model);
        if (b.opset("") < MIN_OPSET) {
            throw new IllegalArgumentException("the model imports opset " + b.opset("") + "; per-channel "
                    + "QuantizeLinear/DequantizeLinear need " + MIN_OPSET + " or later");
        }
        Graph g = new Graph(model);
        List<NodeProto> targets = g.targets(settings).stream().filter(n -> ranges.get(n.getInput(0)) != null).toList();
        Set<NodeProto> targetSet = new HashSet<>(targets);

        // Values to quantize, and those every consumer reads dequantized (the output points).
        Map<String, QParams> quantized = new HashMap<>();
        Set<String> readAllDequantized = new HashSet<>();
        for (NodeProto n : targets) {
            quantized.put(n.getInput(0), QParams.of(ranges.get(n.getInput(0))));
            String out = g.outputPoint(n);
            if (out != null && ranges.get(out) != null) {
                quantized.put(out, QParams.of(ranges.get(out)));
                readAllDequantized.add(out);
            }
        }
        // Weight Casts only quantized nodes read go away with their float16 initializers.
        Set<String> deadCasts = new HashSet<>();
        for (NodeProto n : g.nodes) {
            if (g.castOfInitializer.containsKey(n.getOutput(0)) && !g.graphOutputs.contains(n.getOutput(0))
                    && g.consumers(n.getOutput(0)).stream().allMatch(c -> targetSet.contains(c)
                            && !c.getInput(0).equals(n.getOutput(0)))) {
                deadCasts.add(n.getOutput(0));
            }
        }

        List<NodeProto> out = new ArrayList<>();
        List<TensorProto> newInitializers = new ArrayList<>();
        Map<String, String> dequantized = new HashMap<>();
        Emitter e = new Emitter(b, out, newInitializers);
        for (ValueInfoProto in : model.getGraph().getInputList()) {
            if (quantized.containsKey(in.getName())) {
                dequantized.put(in.getName(), e.qdq(in.getName(), quantized.get(in.getName())));
            }
        }
        for (NodeProto n : g.nodes) {
            if (n.getOutputCount() == 1 && deadCasts.contains(n.getOutput(0))) {
                continue;
            }
            NodeProto.Builder nb = n.toBuilder();
            boolean target = targetSet.contains(n);
            for (int i = 0; i < n.getInputCount(); i++) {
                String v = n.getInput(i);
                if (dequantized.containsKey(v) && (readAllDequantized.contains(v) || (target && i == 0))) {
                    nb.setInput(i, dequantized.get(v));
                }
            }
            if (target) {
                boolean transpose = n.getOpType().equals("ConvTranspose");
                float xScale = quantized.get(n.getInput(0)).scale;
                Weight w = g.constant(n.getInput(1));
                float[] wScale = e.weight(nb, n.getInput(1), w, transpose ? 1 : 0);
                if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
                    e.bias(nb, n.getInput(2), g.constant(n.getInput(2)).values, xScale, wScale);
                }
            }
            out.add(nb.build());
            for (String o : n.getOutputList()) {
                if (quantized.containsKey(o)) {
                    dequantized.put(o, e.qdq(o, quantized.get(o)));
                }
            }
        }

        Set<String> used = new HashSet<>();
        out.forEach(n -> used.addAll(n.getInputList()));
        model.getGraph().getOutputList().forEach(v -> used.add(v.getName()));
        for (TensorProto t : model.getGraph().getInitializerList()) {
            if (used.contains(t.getName())) {
                b.existingInitializer(t);
            }
        }
        newInitializers.forEach(b::existingInitializer);
        out.forEach(b::existingNode);
        b.metadata(META_PRECISION, "int8");
        b.metadata(META_QUANTIZATION, "QDQ, activations uint8 asymmetric per tensor, weights int8 symmetric per "
                + "output channel, int32 bias; " + settings.describe() + "; " + targets.size() + " nodes int8"
                + (calibration == null || calibration.isEmpty() ? "" : "; calibration: " + calibration));
        return b.build();
    }

    /** A uint8 activation quantization: x = (q - zeroPoint) * scale. */
    record QParams(float scale, int zeroPoint) {
        static QParams of(ActivationRanges.Range r) {
            // The range must contain 0 (zero padding, Relu's zeros must be exact).
            float lo = Math.min(r.min(), 0f), hi = Math.max(r.max(), 0f);
            if (hi - lo < 1e-12f) {
                return new QParams(1f, 0);
            }
            float scale = (hi - lo) / 255f;
            int zp = Math.round(-lo / scale);
            return new QParams(scale, Math.max(0, Math.min(255, zp)));
        }
    }

    /** A constant weight: its float values and dims. */
    record Weight(float[] values, List<Long> dims) {}

    /** Creates new nodes and initializers with builder-unique names. */
    private static final class Emitter {
        private final OnnxModelBuilder b;
        private final List<NodeProto> nodes;
        private final List<TensorProto> initializers;

        Emitter(OnnxModelBuilder b, List<NodeProto> nodes, List<TensorProto> initializers) {
            this.b = b;
            this.nodes = nodes;
            this.initializers = initializers;
        }

        String init(TensorProto t) {
            String name = b.unique(t.getName());
            initializers.add(t.toBuilder().setName(name).build());
            return name;
        }

        String node(String op, String name, List<String> inputs, AttributeProto... attributes) {
            String o = b.unique(name);
            nodes.add(NodeProto.newBuilder().setOpType(op).setName(o).addAllInput(inputs).addOutput(o)
                    .addAllAttribute(List.of(attributes)).build());
            return o;
        }

        /** Q -> DQ of {@code v}; returns the dequantized value's name. */
        String qdq(String v, QParams p) {
            String scale = init(OnnxTensors.scalar(v + "/scale", p.scale));
            String zp = init(OnnxTensors.uint8s(v + "/zero_point", new long[0], new byte[] {(byte) p.zeroPoint}));
            String q = node("QuantizeLinear", v + "/quantized", List.of(v, scale, zp));
            return node("DequantizeLinear", v + "/dequantized", List.of(q, scale, zp));
        }

        /** Int8 per-channel weight + its DQ, set as input 1 of {@code conv}; returns the channel scales. */
        float[] weight(NodeProto.Builder conv, String name, Weight w, int axis) {
            long[] dims = w.dims.stream().mapToLong(Long::longValue).toArray();
            int channels = (int) dims[axis];
            int inner = 1;
            for (int i = axis + 1; i < dims.length; i++) {
                inner *= (int) dims[i];
            }
            float[] max = new float[channels];
            for (int i = 0; i < w.values.length; i++) {
                int c = (i / inner) % channels;
                max[c] = Math.max(max[c], Math.abs(w.values[i]));
            }
            float[] scale = new float[channels];
            for (int c = 0; c < channels; c++) {
                // Symmetric [-127, 127] (not -128): the range ONNX Runtime's kernels and tools assume.
                scale[c] = max[c] > 0 ? max[c] / 127f : 1f;
            }
            byte[] q = new byte[w.values.length];
            for (int i = 0; i < q.length; i++) {
                int v = Math.round(w.values[i] / scale[(i / inner) % channels]);
                q[i] = (byte) Math.max(-127, Math.min(127, v));
            }
            String base = name.endsWith("/fp16") ? name.substring(0, name.length() - 5) : name;
            String qName = init(OnnxTensors.int8s(base + "/int8", dims, q));
            String sName = init(OnnxTensors.floats(base + "/scale", new long[] {channels}, scale));
            String zName = init(OnnxTensors.int8s(base + "/zero_point", new long[] {channels}, new byte[channels]));
            conv.setInput(1, node("DequantizeLinear", base + "/dequantized", List.of(qName, sName, zName),
                    integer("axis", axis)));
            return scale;
        }

        /** Int32 bias with scale x_scale * w_scale[c] + its DQ, set as input 2 of {@code conv}. */
        void bias(NodeProto.Builder conv, String name, float[] bias, float xScale, float[] wScale) {
            int[] q = new int[bias.length];
            float[] scale = new float[bias.length];
            for (int c = 0; c < bias.length; c++) {
                scale[c] = xScale * wScale[c];
                double v = Math.rint(bias[c] / (double) scale[c]);
                q[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
            }
            long[] dims = {bias.length};
            String qName = init(OnnxTensors.int32s(name + "/int32", dims, q));
            String sName = init(OnnxTensors.floats(name + "/scale", dims, scale));
            String zName = init(OnnxTensors.int32s(name + "/zero_point", dims, new int[bias.length]));
            conv.setInput(2, node("DequantizeLinear", name + "/dequantized", List.of(qName, sName, zName),
                    integer("axis", 0)));
        }
    }

    /** The source graph's lookups: initializers, weight Casts, producers and consumers. */
    static final class Graph {
        final List<NodeProto> nodes;
        final Map<String, TensorProto> initializers = new HashMap<>();
        /** A Cast-to-float node's output -> the floating initializer it widens. */
        final Map<String, TensorProto> castOfInitializer = new HashMap<>();
        final Map<String, List<NodeProto>> consumers = new HashMap<>();
        final Set<String> graphOutputs = new HashSet<>();

        Graph(ModelProto model) {
            nodes = model.getGraph().getNodeList();
            model.getGraph().getInitializerList().forEach(t -> initializers.put(t.getName(), t));
            model.getGraph().getOutputList().forEach(v -> graphOutputs.add(v.getName()));
            for (NodeProto n : nodes) {
                for (String in : n.getInputList()) {
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
                if (n.getOpType().equals("Cast") && n.getInputCount() == 1 && initializers.containsKey(n.getInput(0))
                        && ConstantTensors.isFloating(initializers.get(n.getInput(0)))
                        && intAttribute(n, "to", -1) == TensorProto.DataType.FLOAT_VALUE) {
                    castOfInitializer.put(n.getOutput(0), initializers.get(n.getInput(0)));
                }
            }
        }

        List<NodeProto> consumers(String value) {
            return consumers.getOrDefault(value, List.of());
        }

        boolean isConstant(String value) {
            TensorProto t = initializers.get(value);
            return t != null ? t.getDataType() == TensorProto.DataType.FLOAT_VALUE : castOfInitializer.containsKey(value);
        }

        Weight constant(String value) {
            TensorProto t = initializers.containsKey(value) ? initializers.get(value) : castOfInitializer.get(value);
            return new Weight(ConstantTensors.floats(t), t.getDimsList());
        }

        /** The nodes the settings quantize and whose weights (and bias) are constants. */
        List<NodeProto> targets(QuantizationSettings s) {
            Set<NodeProto> outputLayers = s.keepOutputLayersFloat() ? outputLayers() : Set.of();
            List<NodeProto> out = new ArrayList<>();
            for (NodeProto n : nodes) {
                if (!s.opTypes().contains(n.getOpType()) || outputLayers.contains(n) || !n.getDomain().isEmpty() || n.getInputCount() < 2
                        || s.excludedNodes().contains(n.getName())
                        || s.excludedNodePrefixes().stream().anyMatch(p -> n.getName().startsWith(p))) {
                    continue;
                }
                if (initializers.containsKey(n.getInput(0)) || !isConstant(n.getInput(1))
                        || constant(n.getInput(1)).dims.size() != 4) {
                    continue;
                }
                if (n.getInputCount() > 2 && !n.getInput(2).isEmpty() && !isConstant(n.getInput(2))) {
                    continue;
                }
                // Per-channel DQ of a grouped ConvTranspose's [in, out/group, k, k] would be per group slice.
                if (n.getOpType().equals("ConvTranspose") && intAttribute(n, "group", 1) != 1) {
                    continue;
                }
                out.add(n);
            }
            return out;
        }

        /** The Conv/ConvTranspose nodes a graph output is reached from without passing another one. */
        Set<NodeProto> outputLayers() {
            Map<String, NodeProto> producers = new HashMap<>();
            nodes.forEach(n -> n.getOutputList().forEach(o -> producers.put(o, n)));
            Set<NodeProto> seen = new HashSet<>(), layers = new HashSet<>();
            List<String> work = new ArrayList<>(graphOutputs);
            while (!work.isEmpty()) {
                NodeProto p = producers.get(work.remove(work.size() - 1));
                if (p == null || !seen.add(p)) {
                    continue;
                }
                if (p.getOpType().equals("Conv") || p.getOpType().equals("ConvTranspose")) {
                    layers.add(p);
                } else {
                    work.addAll(p.getInputList());
                }
            }
            return layers;
        }

        /** Where the node's output is quantized: its output, or a lone Relu's after it; null if a graph output. */
        String outputPoint(NodeProto n) {
            String y = n.getOutput(0);
            if (graphOutputs.contains(y)) {
                return null;
            }
            List<NodeProto> c = consumers(y);
            if (c.size() == 1 && c.get(0).getOpType().equals("Relu") && !graphOutputs.contains(c.get(0).getOutput(0))) {
                return c.get(0).getOutput(0);
            }
            return y;
        }

        static long intAttribute(NodeProto n, String name, long otherwise) {
            return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).mapToLong(AttributeProto::getI)
                    .findFirst().orElse(otherwise);
        }
    }
}
