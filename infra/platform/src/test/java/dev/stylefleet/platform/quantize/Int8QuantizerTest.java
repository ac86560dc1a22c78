package dev.stylefleet.platform.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.stylefleet.platform.onnx.Onnx.AttributeProto;
import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import dev.stylefleet.platform.onnx.Onnx.NodeProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto.DataType;
import dev.stylefleet.platform.onnx.OnnxModelBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The QDQ graph {@link Int8Quantizer} writes, and that it runs in ONNX Runtime close to float32. */
class Int8QuantizerTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private static List<NchwImage> calibrationImages() {
        return List.of(TinyStyleNet.smoothImage(32, 32, 1), TinyStyleNet.smoothImage(32, 40, 2),
                TinyStyleNet.smoothImage(40, 32, 3), TinyStyleNet.smoothImage(32, 32, 4));
    }

    @Test
    void quantizedModelRunsInOnnxRuntimeCloseToFloat32() throws Exception {
        ModelProto fp32 = TinyStyleNet.build(7);
        QuantizationSettings settings = QuantizationSettings.defaults();
        ActivationRanges ranges = new ActivationCalibrator(ENV, settings).calibrate(fp32.toByteArray(), calibrationImages());
        ModelProto int8 = new Int8Quantizer(settings).quantize(fp32, ranges, "4 smooth images");

        NchwImage held = TinyStyleNet.smoothImage(48, 48, 9);
        float[] a = TinyStyleNet.run(ENV, fp32.toByteArray(), held);
        float[] b = TinyStyleNet.run(ENV, int8.toByteArray(), held);
        assertThat(b).hasSameSizeAs(a);
        assertThat(b).isNotEqualTo(a);
        // Over 35 dB for most seeds; a random 8-channel net with InstanceNorm after every Conv (which
        // amplifies the per-tensor quantization of low-variance channels) is harsher than a trained one.
        assertThat(ImagePsnr.psnr(b, a, 255)).isGreaterThan(32);
        try (OrtSession s = ENV.createSession(int8.toByteArray())) {
            assertThat(s.getMetadata().getCustomMetadata()).containsEntry(Int8Quantizer.META_PRECISION, "int8")
                    .hasEntrySatisfying(Int8Quantizer.META_QUANTIZATION, v -> assertThat(v).contains("4 smooth images"));
        }
        // The default keeps the output layer float32; the three others are int8.
        assertThat(new Int8Quantizer(settings).quantizedNodes(fp32, ranges))
                .containsExactly("l0.conv", "r1.conv1", "r1.conv2", "l3.conv");
    }

    @Test
    void everyConvGetsPerChannelInt8WeightsAndQdqActivationsAndNothingElseIsQuantized() throws Exception {
        ModelProto fp32 = TinyStyleNet.build(11);
        QuantizationSettings settings = QuantizationSettings.defaults().withKeepOutputLayersFloat(false);
        ActivationRanges ranges = new ActivationCalibrator(ENV, settings).calibrate(fp32.toByteArray(), calibrationImages());
        ModelProto int8 = new Int8Quantizer(settings).quantize(fp32, ranges, "");

        Map<String, NodeProto> producer = new HashMap<>();
        int8.getGraph().getNodeList().forEach(n -> n.getOutputList().forEach(o -> producer.put(o, n)));
        Map<String, TensorProto> init = new HashMap<>();
        int8.getGraph().getInitializerList().forEach(t -> init.put(t.getName(), t));

        List<NodeProto> convs = int8.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Conv")).toList();
        assertThat(convs).hasSize(5);
        for (NodeProto conv : convs) {
            NodeProto wdq = producer.get(conv.getInput(1));
            assertThat(wdq.getOpType()).as(conv.getName()).isEqualTo("DequantizeLinear");
            TensorProto w = init.get(wdq.getInput(0));
            assertThat(w.getDataType()).isEqualTo(DataType.INT8_VALUE);
            long outChannels = w.getDims(0);
            assertThat(init.get(wdq.getInput(1)).getDimsList()).containsExactly(outChannels);
            assertThat(init.get(wdq.getInput(2)).getDataType()).isEqualTo(DataType.INT8_VALUE);
            assertThat(axis(wdq)).isEqualTo(0);

            NodeProto xdq = producer.get(conv.getInput(0));
            assertThat(xdq.getOpType()).isEqualTo("DequantizeLinear");
            NodeProto xq = producer.get(xdq.getInput(0));
            assertThat(xq.getOpType()).isEqualTo("QuantizeLinear");
            assertThat(init.get(xq.getInput(2)).getDataType()).isEqualTo(DataType.UINT8_VALUE);

            if (conv.getInputCount() > 2) {
                NodeProto bdq = producer.get(conv.getInput(2));
                assertThat(bdq.getOpType()).isEqualTo("DequantizeLinear");
                assertThat(init.get(bdq.getInput(0)).getDataType()).isEqualTo(DataType.INT32_VALUE);
            }
        }
        // The float16 kernel's Cast and its initializer are gone: the int8 kernel replaces them.
        assertThat(int8.getGraph().getNodeList()).noneMatch(n -> n.getOpType().equals("Cast"));
        assertThat(int8.getGraph().getInitializerList()).noneMatch(t -> t.getDataType() == DataType.FLOAT16_VALUE);

        for (NodeProto n : int8.getGraph().getNodeList()) {
            switch (n.getOpType()) {
                // The residual Add reads float values: the skip input and the InstanceNorm output.
                case "Add" -> n.getInputList().forEach(in -> assertThat(producer.get(in))
                        .as(n.getName() + " reads " + in).satisfiesAnyOf(
                                p -> assertThat(p).isNull(),
                                p -> assertThat(p.getOpType()).isNotIn("DequantizeLinear", "QuantizeLinear")));
                case "InstanceNormalization", "Tanh" -> {
                    // Read their Conv's dequantized output (the Q that lets ONNX Runtime fuse the Conv
                    // into QLinearConv); they themselves stay float (no QLinear form, output not quantized).
                    NodeProto dq = producer.get(n.getInput(0));
                    assertThat(dq.getOpType()).isEqualTo("DequantizeLinear");
                    assertThat(producer.get(producer.get(dq.getInput(0)).getInput(0)).getOpType()).isEqualTo("Conv");
                }
                default -> { }
            }
        }
        for (NodeProto q : int8.getGraph().getNodeList()) {
            if (q.getOpType().equals("QuantizeLinear") && producer.containsKey(q.getInput(0))) {
                assertThat(producer.get(q.getInput(0)).getOpType()).as(q.getInput(0))
                        .isIn("Conv", "Relu", "Add", "Mul");
            }
        }
        // The float16 kernel was read correctly: the int8 model still tracks the float32 one.
        NchwImage held = TinyStyleNet.smoothImage(32, 32, 5);
        assertThat(ImagePsnr.psnr(TinyStyleNet.run(ENV, int8.toByteArray(), held),
                TinyStyleNet.run(ENV, fp32.toByteArray(), held), 255)).isGreaterThan(30);
    }

    @Test
    void excludedNodesAndUncalibratedInputsStayFloat() throws Exception {
        ModelProto fp32 = TinyStyleNet.build(3);
        QuantizationSettings settings = QuantizationSettings.defaults().withExcludedNodePrefixes(Set.of("r1."));
        Int8Quantizer q = new Int8Quantizer(settings);
        // Data inputs and output points (the Conv output before an InstanceNorm, the Relu after a Conv).
        assertThat(q.calibrationPoints(fp32)).containsExactly("scaled", "l0.conv", "r1/add", "l3/relu");
        ActivationRanges ranges = new ActivationCalibrator(ENV, settings).calibrate(fp32.toByteArray(), calibrationImages());
        Map<String, ActivationRanges.Range> partial = new HashMap<>(ranges.ranges());
        partial.remove("r1/add");
        assertThat(q.quantizedNodes(fp32, new ActivationRanges(partial))).containsExactly("l0.conv");
        ModelProto int8 = q.quantize(fp32, new ActivationRanges(partial), "");
        assertThat(int8.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("QuantizeLinear")))
                .hasSize(2);
        NchwImage held = TinyStyleNet.smoothImage(24, 24, 6);
        assertThat(TinyStyleNet.run(ENV, int8.toByteArray(), held)).hasSize(3 * 24 * 24);
    }

    @Test
    void refusesOpsetsWithoutPerAxisQuantization() {
        OnnxModelBuilder m = new OnnxModelBuilder("old", 11).irVersion(6).input("x", DataType.FLOAT, 1L, 1L, 4L, 4L);
        m.output(m.node("Relu", "y", List.of("x")), DataType.FLOAT, 1L, 1L, 4L, 4L);
        assertThatThrownBy(() -> new Int8Quantizer(QuantizationSettings.defaults())
                .quantize(m.build(), new ActivationRanges(Map.of()), "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("opset 11");
    }

    @Test
    void halfBitPatternsDecode() {
        assertThat(dev.stylefleet.platform.onnx.Float16.toFloat((short) 0x3800)).isEqualTo(0.5f);
        assertThat(dev.stylefleet.platform.onnx.Float16.toFloat((short) 0xc000)).isEqualTo(-2f);
        assertThat(dev.stylefleet.platform.onnx.Float16.toFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(dev.stylefleet.platform.onnx.Float16.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(dev.stylefleet.platform.onnx.Float16.toFloat(TinyStyleNet.toHalf(0.3f))).isCloseTo(0.3f,
                org.assertj.core.api.Assertions.within(1e-3f));
    }

    private static long axis(NodeProto n) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals("axis")).mapToLong(AttributeProto::getI)
                .findFirst().orElse(1);
    }
}
