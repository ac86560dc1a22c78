package dev.stylefleet.train.export;

import dev.stylefleet.platform.onnx.Float16;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import dev.stylefleet.platform.onnx.Onnx.NodeProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto;
import dev.stylefleet.train.net.ArchSpec;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.NetOptions;
import dev.stylefleet.train.net.TestImages;
import dev.stylefleet.train.net.TransformerSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compact storage ({@link OnnxExporter.WeightStorage#FLOAT16}) of the shipped built-ins: the file
 * roughly halves, only kernels (rank >= 2) are half while 1-D weights (biases, norm scale and shift)
 * stay FLOAT32 (rounding those moved the wave built-in's output by up to 11.5 levels of 0..255), the
 * model computes what the float32 export of the half-rounded kernels computes, and TensorFlow with
 * the same rounded weights agrees within the parity bound.
 */
class OnnxFloat16StorageTest {
    static List<Arguments> cases() {
        return List.of(
                Arguments.of("style", OnnxNetOptionsParityTest.imported(1.0)),
                Arguments.of("sr4", OnnxNetOptionsParityTest.srBuiltin(NetOptions.Padding.REFLECT).withWidth(1.0)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void halfStorageComputesTheHalfRoundedNet(String preset, NetOptions options) throws Exception {
        ArchSpec arch = ArchSpec.preset(preset);
        try (TransformerSession tf = TransformerSession.create(arch, options, 17, 2)) {
            RandomWeights.randomizeNorms(tf, 9);
            Map<String, FloatTensor> variables = tf.readVariables();
            byte[] full = OnnxExporter.export(arch, options, variables, Map.of());
            byte[] half = OnnxExporter.export(arch, options, variables, Map.of(), OnnxExporter.WeightStorage.FLOAT16);
            Map<String, FloatTensor> rounded = roundToHalf(variables);
            byte[] fullOfRounded = OnnxExporter.export(arch, options, rounded, Map.of());

            double ratio = (double) half.length / full.length;
            System.out.printf("fp16 %-6s %s: %,d -> %,d bytes (%.3f)%n", preset, options.describe(), full.length,
                    half.length, ratio);
            assertThat(ratio).isBetween(0.45, 0.55);

            ModelProto m = ModelProto.parseFrom(half);
            long halfInitializers = m.getGraph().getInitializerList().stream()
                    .filter(t -> t.getDataType() == TensorProto.DataType.FLOAT16_VALUE).count();
            long casts = m.getGraph().getNodeList().stream().map(NodeProto::getOpType).filter("Cast"::equals).count();
            assertThat(halfInitializers).isPositive().isEqualTo(casts);
            // Every half initializer is a kernel; every 1-D learned weight is a FLOAT32 initializer.
            assertThat(m.getGraph().getInitializerList()).filteredOn(
                    t -> t.getDataType() == TensorProto.DataType.FLOAT16_VALUE)
                    .allSatisfy(t -> assertThat(t.getDimsCount()).as(t.getName()).isGreaterThanOrEqualTo(2));
            long learned1d = variables.values().stream().filter(t -> t.shape().length == 1).count();
            assertThat(learned1d).isPositive();
            assertThat(m.getGraph().getInitializerList()).filteredOn(t -> t.getDimsCount() == 1
                    && (t.getName().endsWith("/B") || t.getName().endsWith("/scale")))
                    .isNotEmpty()
                    .allSatisfy(t -> assertThat(t.getDataType()).as(t.getName())
                            .isEqualTo(TensorProto.DataType.FLOAT_VALUE));
            assertThat(m.getMetadataPropsList()).anyMatch(e -> e.getKey().equals(OnnxExporter.META_WEIGHT_STORAGE)
                    && e.getValue().equals("float16"));

            // ONNX Runtime: half storage == float32 export of the half-rounded weights.
            FloatTensor image = TestImages.nhwc(1, 13, 11, 3).nhwcToNchw();
            try (OrtRunner a = new OrtRunner(half, 2); OrtRunner b = new OrtRunner(fullOfRounded, 2);
                    OrtRunner c = new OrtRunner(full, 2)) {
                FloatTensor outHalf = a.run(image);
                double same = outHalf.maxAbsDiff(b.run(image));
                double vsFull = outHalf.maxAbsDiff(c.run(image));
                System.out.printf("fp16 %-6s vs fp32 export of rounded weights max|diff| %.2e (vs unrounded %.2e)%n",
                        preset, same, vsFull);
                assertThat(same).isLessThanOrEqualTo(1e-3);
            }

            // TensorFlow loaded with the same rounded weights versus the half export.
            rounded.forEach(tf::writeVariable);
            double worst = OnnxNetOptionsParityTest.compare(preset + " fp16 " + options.describe(), arch, options, tf,
                    half);
            assertThat(worst).isLessThanOrEqualTo(OnnxParityTest.TOLERANCE);
        }
    }

    @Test
    void aWeightBeyondHalfRangeIsRefused() {
        ArchSpec arch = ArchSpec.preset("sr4");
        NetOptions options = OnnxNetOptionsParityTest.srBuiltin(NetOptions.Padding.ZERO);
        try (TransformerSession tf = TransformerSession.create(arch, options, 1, 1)) {
            Map<String, FloatTensor> variables = new LinkedHashMap<>(tf.readVariables());
            String name = variables.keySet().iterator().next();
            float[] v = variables.get(name).values().clone();
            v[0] = 1e5f;
            variables.put(name, new FloatTensor(variables.get(name).shape(), v));
            assertThatThrownBy(() -> OnnxExporter.export(arch, options, variables, Map.of(),
                    OnnxExporter.WeightStorage.FLOAT16)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name.substring(0, name.lastIndexOf('.')))
                    .hasMessageContaining("float16");
        }
    }

    /** What FLOAT16 storage holds: kernels (rank >= 2) rounded to half, 1-D weights as they are. */
    static Map<String, FloatTensor> roundToHalf(Map<String, FloatTensor> variables) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        variables.forEach((name, t) -> {
            if (t.shape().length < 2) {
                out.put(name, t);
                return;
            }
            float[] v = t.values().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = Float16.round(v[i]);
            }
            out.put(name, new FloatTensor(t.shape(), v));
        });
        return out;
    }
}
