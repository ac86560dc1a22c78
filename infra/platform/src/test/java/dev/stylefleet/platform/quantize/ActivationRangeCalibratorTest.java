package dev.stylefleet.platform.quantize;

import static dev.stylefleet.platform.onnx.OnnxAttributes.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtEnvironment;
import dev.stylefleet.platform.onnx.Onnx.ModelProto;
import dev.stylefleet.platform.onnx.Onnx.TensorProto.DataType;
import dev.stylefleet.platform.onnx.OnnxModelBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ActivationCalibrator}'s ranges contain the activations of known inputs. */
class ActivationRangeCalibratorTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    /** x -> Conv 1x1 (weight 2, bias 1) -> Relu -> Conv 1x1 (weight -1) -> y: the Relu output is max(0, 2x + 1). */
    private static ModelProto affineRelu() {
        OnnxModelBuilder m = new OnnxModelBuilder("affine", 17).input("x", DataType.FLOAT, 1L, 1L, "H", "W");
        String c = m.node("Conv", "c", List.of("x", m.floats("w", new long[] {1, 1, 1, 1}, new float[] {2}),
                m.floats("b", new long[] {1}, new float[] {1})), ints("kernel_shape", 1, 1));
        String r = m.node("Relu", "r", List.of(c));
        String y = m.node("Conv", "y", List.of(r, m.floats("w2", new long[] {1, 1, 1, 1}, new float[] {-1})),
                ints("kernel_shape", 1, 1));
        m.output(y, DataType.FLOAT, 1L, 1L, "H", "W");
        return m.build();
    }

    @Test
    void minMaxRangesAreTheActivationsExactRange() throws Exception {
        ModelProto model = affineRelu();
        QuantizationSettings settings = QuantizationSettings.defaults().withKeepOutputLayersFloat(false)
                .withRangeMethod(QuantizationSettings.RangeMethod.MIN_MAX, 99.99);
        assertThat(new Int8Quantizer(settings).calibrationPoints(model)).containsExactly("x", "r");
        NchwImage a = new NchwImage(new float[] {-3, -1, 0, 0.5f}, 2, 2);
        NchwImage b = new NchwImage(new float[] {1, 2, -0.25f, 0}, 2, 2);
        ActivationRanges ranges = new ActivationCalibrator(ENV, settings).calibrate(model.toByteArray(), List.of(a, b));
        // Over both images: x in [-3, 2]; Relu(2x + 1) in [0, 5].
        assertThat(ranges.get("x")).isEqualTo(new ActivationRanges.Range(-3, 2));
        assertThat(ranges.get("r")).isEqualTo(new ActivationRanges.Range(0, 5));
        assertThat(ranges.get("y")).isNull();
    }

    @Test
    void percentileRangesClipOnlyRareOutliers() throws Exception {
        ModelProto model = affineRelu();
        QuantizationSettings settings = QuantizationSettings.defaults().withKeepOutputLayersFloat(false)
                .withRangeMethod(QuantizationSettings.RangeMethod.PERCENTILE, 99.9);
        float[] v = new float[100 * 100];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 100) / 100f;
        }
        v[0] = 1000;
        ActivationRanges ranges = new ActivationCalibrator(ENV, settings)
                .calibrate(model.toByteArray(), List.of(new NchwImage(v, 100, 100)));
        ActivationRanges.Range x = ranges.get("x");
        // The one value in 10000 at 1000 is dropped, the bulk [0, 0.99] is kept (to a histogram bin).
        assertThat(x.max()).isLessThan(2).isGreaterThanOrEqualTo(0.99f);
        assertThat(x.min()).isLessThanOrEqualTo(0);
        assertThat(ranges.get("r").max()).isLessThan(4).isGreaterThanOrEqualTo(2.98f);
    }

    @Test
    void defaultRangesContainTheActivationsOfTheCalibrationImage() throws Exception {
        ModelProto model = TinyStyleNet.build(5);
        NchwImage image = TinyStyleNet.smoothImage(32, 32, 3);
        QuantizationSettings settings = QuantizationSettings.defaults().withRangeMethod(
                QuantizationSettings.RangeMethod.MIN_MAX, 99.99);
        ActivationRanges ranges = new ActivationCalibrator(ENV, settings).calibrate(model.toByteArray(), List.of(image));
        // The first Conv reads image / 255: exactly the image's own range, scaled.
        float[] mm = ActivationCalibrator.minMax(image.values());
        assertThat(ranges.get("scaled").min()).isCloseTo(mm[0] / 255, within(1e-6f));
        assertThat(ranges.get("scaled").max()).isCloseTo(mm[1] / 255, within(1e-6f));
        for (String p : new Int8Quantizer(settings).calibrationPoints(model)) {
            assertThat(ranges.get(p)).as(p).isNotNull();
            assertThat(ranges.get(p).max()).as(p).isGreaterThan(ranges.get(p).min());
        }
    }
}
