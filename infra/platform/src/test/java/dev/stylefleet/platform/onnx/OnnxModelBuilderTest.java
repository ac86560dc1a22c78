package dev.stylefleet.platform.onnx;

import static dev.stylefleet.platform.onnx.OnnxAttributes.integer;
import static dev.stylefleet.platform.onnx.OnnxAttributes.ints;
import static dev.stylefleet.platform.onnx.OnnxAttributes.real;
import static dev.stylefleet.platform.onnx.OnnxAttributes.string;
import static dev.stylefleet.platform.onnx.OnnxAttributes.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto.DataType;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kind of model {@link OnnxModelBuilder} writes, loaded and run by ONNX Runtime: initializers of
 * each element type, each attribute kind, fixed, symbolic and undeclared shapes, model properties, and
 * the bicubic upscale nodes.
 */
class OnnxModelBuilderTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @Test
    void float32WeightsIntsAttributesAndSymbolicDimensions() throws Exception {
        OnnxModelBuilder m = new OnnxModelBuilder("conv", 17).input("x", DataType.FLOAT, "N", 1L, "H", "W");
        float[] box = new float[9];
        Arrays.fill(box, 1f);
        String w = m.floats("w", new long[] {1, 1, 3, 3}, box);
        String y = m.node("Conv", "y", List.of("x", w, m.floats("b", new long[] {1}, new float[] {0.5f})),
                ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1), ints("strides", 1, 1), integer("group", 1));
        m.output(y, DataType.FLOAT, "N", 1L, "H", "W");
        float[] out = run(m, "x", new long[] {1, 1, 3, 3}, new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
        // Zero padding: a corner sees 4 ones, an edge 6, the centre 9; plus the bias.
        assertThat(out).containsExactly(4.5f, 6.5f, 4.5f, 6.5f, 9.5f, 6.5f, 4.5f, 6.5f, 4.5f);
        assertThat(signature(m).input()).containsExactly(-1, 1, -1, -1);
    }

    @Test
    void float16WeightsWidenedByACastWithAnIntAttribute() throws Exception {
        OnnxModelBuilder m = new OnnxModelBuilder("half", 17).input("x", DataType.FLOAT, 1L, 4L);
        // 0.5, -2, 1.5, 65504 as IEEE half bit patterns.
        String half = m.float16("w/fp16", new long[] {1, 4}, new short[] {0x3800, (short) 0xc000, 0x3e00, 0x7bff});
        String w = m.node("Cast", "w", List.of(half), integer("to", DataType.FLOAT.getNumber()));
        m.output(m.node("Mul", "y", List.of("x", w)), DataType.FLOAT, 1L, 4L);
        assertThat(run(m, "x", new long[] {1, 4}, new float[] {1, 1, 2, 1})).containsExactly(0.5f, -2f, 3f, 65504f);
    }

    @Test
    void int64InitializersStringAttributesAndShapeArithmetic() throws Exception {
        OnnxModelBuilder m = new OnnxModelBuilder("pad", 17).input("x", DataType.FLOAT, "N", "C", "H", "W");
        String padded = m.node("Pad", "padded", List.of("x", m.int64s("pads", 0, 0, 1, 0, 0, 0, 1, 0)),
                string("mode", "edge"));
        String shape = m.node("Shape", "shape", List.of("x"));
        String hw = m.node("Slice", "hw", List.of(shape, m.int64s("two", 2), m.int64s("four", 4)));
        String y = m.node("Slice", "y", List.of(padded, m.int64s("starts", 0, 0), hw, m.int64s("axes", 2, 3)));
        m.output(y, DataType.FLOAT, "N", "C", "H", "W");
        // Edge-padded one row on top and bottom, then the top H rows kept: the first row twice.
        assertThat(run(m, "x", new long[] {1, 1, 2, 2}, new float[] {1, 2, 3, 4})).containsExactly(1, 2, 1, 2);
    }

    @Test
    void floatAttributesAndScalars() throws Exception {
        OnnxModelBuilder m = new OnnxModelBuilder("norm", 17).input("x", DataType.FLOAT, 1L, 1L, 1L, 4L);
        String norm = m.node("InstanceNormalization", "norm", List.of("x", m.floats("scale", new long[] {1},
                new float[] {2}), m.floats("shift", new long[] {1}, new float[] {10})), real("epsilon", 0f));
        String y = m.node("Clip", "y", List.of(norm, m.scalar("lo", 8f), m.scalar("hi", 11f)));
        m.output(y, DataType.FLOAT, 1L, 1L, 1L, 4L);
        // x = 1..4: mean 2.5, standard deviation sqrt(1.25); 10 + 2 (x - 2.5) / 1.118, clipped to [8, 11].
        float[] out = run(m, "x", new long[] {1, 1, 1, 4}, new float[] {1, 2, 3, 4});
        assertThat(out[0]).isEqualTo(8f);
        assertThat(out[1]).isCloseTo(10 - 1 / (float) Math.sqrt(1.25), within(1e-4f));
        assertThat(out[3]).isEqualTo(11f);
    }

    @Test
    void tensorAttributesOfConstantNodes() throws Exception {
        OnnxModelBuilder m = new OnnxModelBuilder("constant", 17).input("x", DataType.FLOAT, 2L);
        String c = m.node("Constant", "c", List.of(), tensor("value", OnnxTensors.floats("c", new long[] {2},
                new float[] {3, 4})));
        m.output(m.node("Add", "y", List.of("x", c)), DataType.FLOAT, 2L);
        assertThat(run(m, "x", new long[] {2}, new float[] {1, 1})).containsExactly(4f, 5f);
    }

    @Test
    void int64ConstantsAtOpset11AsTorchExportsThem() throws Exception {
        OnnxModelBuilder m = new OnnxModelBuilder("torch-jit-export", 11).irVersion(6).producer("pytorch", "1.8")
                .input("input.1", DataType.FLOAT, 1L, 1L, 1L, 3L);
        String pads = m.node("Constant", "pads", List.of(), tensor("value", OnnxTensors.int64s("", 0, 0, 0, 1, 0, 0, 0, 1)));
        String y = m.node("Pad", "y", List.of("input.1", pads), string("mode", "reflect"));
        m.output(y, DataType.FLOAT, 1L, 1L, 1L, 5L);
        assertThat(run(m, "input.1", new long[] {1, 1, 1, 3}, new float[] {1, 2, 3})).containsExactly(2, 1, 2, 3, 2);
    }

    @Test
    void valuesOfUndeclaredShapeAndOlderOpsets() throws Exception {
        OnnxModelBuilder m = new OnnxModelBuilder("any", 11).irVersion(6).inputOfAnyShape("x", DataType.FLOAT);
        m.outputOfAnyShape(m.node("Identity", "y", List.of("x")), DataType.FLOAT);
        assertThat(m.build().getIrVersion()).isEqualTo(6);
        assertThat(run(m, "x", new long[] {1, 2, 3}, new float[6])).hasSize(6);
        ModelProto p = m.build();
        assertThat(p.getGraph().getInput(0).getType().getTensorType().hasShape()).isFalse();
        assertThat(p.getOpsetImport(0).getVersion()).isEqualTo(11);
    }

    @Test
    void modelPropertiesAndMetadataReachOnnxRuntime() throws Exception {
        OnnxModelBuilder m = new OnnxModelBuilder("props", 18).producer("stylefleet", "1.2")
                .modelDomain("dev.stylefleet", 3).docString("a model").graphDocString("a graph")
                .metadata("task", "stylize").metadata(Map.of("scale", "1"));
        m.input("image", DataType.FLOAT, "N", 3L, "H", "W");
        m.output(m.node("Identity", "output", List.of("image")), DataType.FLOAT, "N", 3L, "H", "W");
        try (OrtSession s = ENV.createSession(m.toByteArray())) {
            var meta = s.getMetadata();
            assertThat(meta.getProducerName()).isEqualTo("stylefleet");
            assertThat(meta.getDomain()).isEqualTo("dev.stylefleet");
            assertThat(meta.getVersion()).isEqualTo(3);
            assertThat(meta.getDescription()).isEqualTo("a model");
            assertThat(meta.getGraphDescription()).isEqualTo("a graph");
            assertThat(meta.getCustomMetadata()).containsEntry("task", "stylize").containsEntry("scale", "1");
        }
    }

    @Test
    void bicubicUpscaleKeepsAConstantImageAndScalesTheShape() throws Exception {
        OnnxModelBuilder m = new OnnxModelBuilder("bicubic", 18).input("image", DataType.FLOAT, "N", 3L, "H", "W");
        String y = OnnxBicubicUpscale.emit(m, "up", "image", 3);
        m.output(y, DataType.FLOAT, "N", 3L, "H*3", "W*3");
        float[] in = new float[3 * 4 * 5];
        Arrays.fill(in, 100f);
        float[] out = run(m, "image", new long[] {1, 3, 4, 5}, in);
        assertThat(out).hasSize(3 * 12 * 15);
        for (float v : out) {
            // The phase weights sum to 1, so a flat image stays flat.
            assertThat(v).isCloseTo(100f, within(1e-3f));
        }
    }

    @Test
    void namesOfNodesAndInitializersAreMadeUnique() {
        OnnxModelBuilder m = new OnnxModelBuilder("names", 17).input("x", DataType.FLOAT, 1L);
        assertThat(m.scalar("x", 1f)).isEqualTo("x_2");
        assertThat(m.node("Relu", "relu", List.of("x"))).isEqualTo("relu");
        assertThat(m.node("Relu", "relu", List.of("relu"))).isEqualTo("relu_2");
        assertThat(m.build().getGraph().getNode(1).getName()).isEqualTo("relu_2");
        assertThatThrownBy(() -> m.floats("w", new long[] {2, 2}, new float[3])).hasMessageContaining("holds 4 values");
        assertThatThrownBy(() -> m.output("relu", DataType.FLOAT, (Object) List.of()))
                .hasMessageContaining("a dimension is a Number");
    }

    private static float[] run(OnnxModelBuilder m, String input, long[] shape, float[] values) throws OrtException {
        try (OrtSession s = ENV.createSession(m.toByteArray());
                OnnxTensor x = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(values), shape);
                OrtSession.Result r = s.run(Map.of(input, x))) {
            FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] a = new float[out.remaining()];
            out.get(a);
            return a;
        }
    }

    private record Shapes(long[] input) {}

    private static Shapes signature(OnnxModelBuilder m) throws OrtException {
        try (OrtSession s = ENV.createSession(m.toByteArray())) {
            return new Shapes(((TensorInfo) s.getInputInfo().values().iterator().next().getInfo()).getShape());
        }
    }
}
