package dev.stylefleet.train.pretrained;

import dev.stylefleet.platform.onnx.Float16;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import dev.stylefleet.train.export.OnnxExporter;
import dev.stylefleet.train.export.OrtRunner;
import dev.stylefleet.train.net.FloatTensor;
import dev.stylefleet.train.net.TestImages;
import dev.stylefleet.train.net.TransformerSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Import parity on every shipped built-in style (the compact checkpoints in this module's
 * resources; nothing from ../shared): the TensorFlow forward of the imported {@code TransformerNet}
 * versus ONNX Runtime on its export with float16-stored kernels (as shipped in worker-infer), at two
 * odd sizes and one even size, within 1e-2 on 0..255.
 */
class BuiltinStylesParityTest {
    static final double TOLERANCE = 1e-2;
    /** {height, width}: two odd in both dimensions (SAME padding's asymmetric case, pad-to-multiple), one even. */
    static final int[][] SIZES = {{37, 29}, {51, 45}, {64, 48}};
    /** worker-infer's built-in models, from this module's directory (the working directory of its tests). */
    static final Path SHIPPED = Path.of("..", "worker-infer", "src", "main", "resources", "builtin", "styles");

    static List<BuiltinStyle> styles() {
        return BuiltinStyle.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("styles")
    void tensorFlowMatchesOnnxRuntime(BuiltinStyle style) throws Exception {
        PretrainedCheckpoint c = PretrainedImport.read(style.resource());
        assertThat(c.storedDtype()).isEqualTo(PretrainedCheckpoint.Dtype.FLOAT16);
        // Kernels float16, 1-D variables (norm scale/shift) float32: see Float16.storedAsHalf.
        c.variables().forEach((name, t) -> assertThat(c.dtypes().get(name)).as(name)
                .isEqualTo(PretrainedCheckpoint.compactDtype(t.shape())));
        try (TransformerSession tf = PretrainedImport.load(c, 2)) {
            byte[] onnx = OnnxExporter.export(FastStyleTransferNet.ARCH, FastStyleTransferNet.OPTIONS,
                    tf.readVariables(), Map.of(), OnnxExporter.WeightStorage.FLOAT16);
            // The model worker-infer ships is this very graph (same nodes, same float16 initializers),
            // so what is measured here is what the gallery runs.
            Path shipped = SHIPPED.resolve(style.id()).resolve("model.onnx");
            assertThat(shipped).exists();
            assertThat(ModelProto.parseFrom(Files.readAllBytes(shipped)).getGraph())
                    .as("shipped %s is the export of the shipped compact checkpoint", shipped)
                    .isEqualTo(ModelProto.parseFrom(onnx).getGraph());
            try (OrtRunner ort = new OrtRunner(onnx, 2)) {
                for (int[] size : SIZES) {
                    FloatTensor image = TestImages.nhwc(1, size[0], size[1], size[0] * 31L + size[1]);
                    FloatTensor expected = tf.run(image);
                    FloatTensor actual = ort.run(image.nhwcToNchw()).nchwToNhwc();
                    assertThat(actual.shape()).containsExactly(1, size[0], size[1], 3);
                    assertThat(range(expected)).as("output varies").isGreaterThan(50f);
                    double diff = actual.maxAbsDiff(expected);
                    System.out.printf("import parity %-14s %dx%d  max|TF - ORT| %.2e%n", style.id(), size[0], size[1],
                            diff);
                    assertThat(diff).as("%s at %dx%d", style.id(), size[0], size[1]).isLessThanOrEqualTo(TOLERANCE);
                }
            }
        }
    }

    static float range(FloatTensor t) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : t.values()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }
}
